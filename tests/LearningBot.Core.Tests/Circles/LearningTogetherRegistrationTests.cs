using LearningBot.Core.Debriefs;
using LearningBot.Core.Tests.Debriefs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Tests.Circles;

public sealed class LearningTogetherRegistrationTests
{
    [Fact]
    public async Task A_template_without_questions_is_refused_at_start_with_a_clear_message()
    {
        await using var bed = await DebriefTestBed.CreateAsync(new Dictionary<string, string?> { ["LearningBot:Debriefs:Templates:empty:Open"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => bed.Services.GetRequiredService<IOptions<DebriefOptions>>().Value);

        Assert.Contains("every template needs questions", error.Message, StringComparison.Ordinal);
    }
}
