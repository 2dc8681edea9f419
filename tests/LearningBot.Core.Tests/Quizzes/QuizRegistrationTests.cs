using LearningBot.Core.Quizzes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class QuizRegistrationTests
{
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
