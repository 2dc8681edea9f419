using LearningBot.Core.Modules;

namespace LearningBot.Core.Recognition;

/// <summary>The rules for <see cref="RecognitionOptions"/>.</summary>
internal sealed class RecognitionOptionsValidator : OptionsRules<RecognitionOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(RecognitionOptions options)
    {
        yield return (options.DailyAllowance is >= 1 and <= 100, "LearningBot:Recognition:DailyAllowance must be from 1 to 100.");
        yield return (TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone, out _), "LearningBot:Recognition:DefaultTimeZone must be an IANA time zone, e.g. Europe/Berlin.");
        yield return (options.DigestCheckInterval >= TimeSpan.FromSeconds(10), "LearningBot:Recognition:DigestCheckInterval must be at least 10 seconds.");
        yield return (options.EffectiveBadges.All(b => b.Id.Length is > 0 and <= 60 && b.Threshold >= 1) && options.EffectiveBadges.Select(b => b.Id).Distinct().Count() == options.EffectiveBadges.Count,
            "LearningBot:Recognition:Badges need a unique Id (up to 60 characters) and a Threshold of at least 1 each.");
    }
}
