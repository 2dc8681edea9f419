using LearningBot.Core.Circles;
using LearningBot.Core.Conversations;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Tests.Debriefs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Tests.Circles;

public sealed class LearningTogetherRegistrationTests
{
    [Fact]
    public async Task Debriefs_and_circles_register_their_commands_and_buttons_beside_quizzes_without_conflicts()
    {
        await using var bed = await DebriefTestBed.CreateAsync(features: [new QuizFeature(), new DebriefFeature(), new CircleFeature()]);
        await using var scope = bed.Scope();

        var router = scope.ServiceProvider.GetRequiredService<TurnRouter>();

        Assert.Equal(["help", "refresher", "experts", "quiz", "debrief", "circle"], router.Commands.Select(c => c.Name));
    }

    [Fact]
    public async Task A_template_without_questions_is_refused_at_start_with_a_clear_message()
    {
        await using var bed = await DebriefTestBed.CreateAsync(new Dictionary<string, string?> { ["LearningBot:Debriefs:Templates:empty:Open"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => bed.Services.GetRequiredService<IOptions<DebriefOptions>>().Value);

        Assert.Contains("every template needs questions", error.Message, StringComparison.Ordinal);
    }
}
