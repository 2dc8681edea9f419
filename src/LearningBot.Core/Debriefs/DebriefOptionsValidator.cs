using LearningBot.Core.Modules;

namespace LearningBot.Core.Debriefs;

/// <summary>The rules for <see cref="DebriefOptions"/>.</summary>
internal sealed class DebriefOptionsValidator : OptionsRules<DebriefOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(DebriefOptions options)
    {
        yield return (options.DefaultDays is >= 1 and <= 90, "LearningBot:Debriefs:DefaultDays must be from 1 to 90.");
        yield return (options.CheckInterval >= TimeSpan.FromSeconds(10), "LearningBot:Debriefs:CheckInterval must be at least 10 seconds.");
        yield return (options.EffectiveTemplates.Values.All(t => t.Questions.Count > 0 && t.Questions.All(q => q.Id.Length > 0 && q.Text.Length > 0)
                && t.Questions.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count() == t.Questions.Count),
            "LearningBot:Debriefs:Templates: every template needs questions, each with a unique Id and a Text.");
    }
}
