using LearningBot.Core.Conversations;
using LearningBot.Core.Quizzes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class QuizRegistrationTests
{
    [Fact]
    public async Task The_core_with_quizzes_builds_its_router_with_the_quiz_command_and_verbs()
    {
        await using var bed = await QuizTestBed.CreateAsync(withLessons: false);
        await using var scope = bed.Scope();

        var router = scope.ServiceProvider.GetRequiredService<TurnRouter>();

        Assert.Contains("quiz", router.Commands.Select(c => c.Name));
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("0.99")]
    public void A_desired_retention_outside_the_permissible_range_is_refused_at_start(string retention)
    {
        using var services = new ServiceCollection()
            .AddLearningBotCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["LearningBot:Quizzes:DesiredRetention"] = retention }).Build())
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QuizOptions>>().Value);

        Assert.Contains("0.70 to 0.97", error.Message, StringComparison.Ordinal);
    }
}
