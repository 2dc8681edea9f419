using LearningBot.Core.Modules;

namespace LearningBot.Core.Analytics;

/// <summary>Section <c>LearningBot:Analytics</c>: the group-size rule and the at-risk threshold.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "LearningBot:Analytics";

    /// <summary>
    /// The fewest people a group may have for any figure about it to be shown (default 5). Smaller teams are folded
    /// into "other"; a scope smaller than this shows no figures at all.
    /// </summary>
    public int MinGroupSize { get; set; } = 5;

    /// <summary>A topic whose mean predicted recall now is below this (0–1, default 0.7) is flagged at risk.</summary>
    public double AtRiskThreshold { get; set; } = 0.7;

    /// <summary>Who a loopback request to /dashboard is signed in as in local development mode (no Teams app id): an admin.</summary>
    public string DevAdminEmail { get; set; } = "dev-admin@localhost";

    /// <summary>Longest period one request may cover, in days (default 400).</summary>
    public int MaxPeriodDays { get; set; } = 400;
}

/// <summary>The rules for <see cref="AnalyticsOptions"/>.</summary>
public sealed class AnalyticsOptionsValidator : OptionsRules<AnalyticsOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<(bool Holds, string Message)> Rules(AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return (options.MinGroupSize is >= 2 and <= 1000,
            "LearningBot:Analytics:MinGroupSize must be between 2 and 1000: figures about fewer people would point at individuals.");
        yield return (options.AtRiskThreshold is > 0 and < 1, "LearningBot:Analytics:AtRiskThreshold must be between 0 and 1 (exclusive), e.g. 0.7.");
        yield return (options.MaxPeriodDays is >= 1 and <= 3660, "LearningBot:Analytics:MaxPeriodDays must be between 1 and 3660.");
    }
}
