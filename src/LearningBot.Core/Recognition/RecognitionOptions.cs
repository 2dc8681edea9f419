namespace LearningBot.Core.Recognition;

/// <summary>Section LearningBot:Recognition.</summary>
public sealed class RecognitionOptions
{
    public const string Section = "LearningBot:Recognition";

    /// <summary>Recognitions a person can give per local day (use it or lose it; resets at their local midnight).</summary>
    public int DailyAllowance { get; set; } = 5;

    /// <summary>Slack reactions that recognise the author of a colleague's message (names without colons; skin tones ignored).</summary>
    public List<string> RecognitionReactions { get; set; } = [];

    /// <summary>
    /// Reactions on the bot's shoutouts and learning shares that count as endorsing them, in either channel. Teams
    /// reports reactions only on the bot's own posts (teams-protocol.md §4.2), so this is how Teams users recognise
    /// with a reaction.
    /// </summary>
    public List<string> EndorsementReactions { get; set; } = [];

    /// <summary>Require a reason or a #value tag on kudos commands.</summary>
    public bool RequireReason { get; set; } = true;

    /// <summary>Digest cadence: Weekly (on <see cref="DigestDay"/>) or Daily.</summary>
    public DigestCadence DigestCadence { get; set; } = DigestCadence.Weekly;

    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Friday;

    /// <summary>Local time of the learning channel's zone when the digest goes out.</summary>
    public TimeOnly DigestTime { get; set; } = new(15, 0);

    /// <summary>IANA zone for a learning channel whose set-up did not report one.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>How often the digest job looks for channels whose digest is due.</summary>
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run the digest job inside the host (tests and tools turn it off).</summary>
    public bool SchedulingEnabled { get; set; } = true;

    /// <summary>Badges and their rules; empty = <see cref="DefaultBadges"/>.</summary>
    public List<BadgeRule> Badges { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultRecognitionReactions = ["mortar_board"];

    public static readonly IReadOnlyList<string> DefaultEndorsementReactions =
        ["like", "heart", "laugh", "surprised", "mortar_board", "+1", "thumbsup", "clap", "tada", "raised_hands", "star", "sparkles"];

    public static readonly IReadOnlyList<BadgeRule> DefaultBadges =
    [
        new() { Id = "first-given", Name = "First thanks", Measure = BadgeMeasure.RecognitionsGiven, Threshold = 1, Description = "gave their first recognition" },
        new() { Id = "ten-received", Name = "Team lifter", Measure = BadgeMeasure.RecognitionsReceived, Threshold = 10, Description = "was recognised 10 times" },
        new() { Id = "quiz-streak-30", Name = "30-day streak", Measure = BadgeMeasure.QuizStreak, Threshold = 30, Description = "answered 30 daily quizzes in a row" },
        new() { Id = "five-endorsed-shares", Name = "Generous teacher", Measure = BadgeMeasure.EndorsedShares, Threshold = 5, Description = "had five learning shares endorsed" },
    ];

    public IReadOnlyList<string> EffectiveRecognitionReactions => RecognitionReactions.Count > 0 ? RecognitionReactions : DefaultRecognitionReactions;

    public IReadOnlyList<string> EffectiveEndorsementReactions => EndorsementReactions.Count > 0 ? EndorsementReactions : DefaultEndorsementReactions;

    public IReadOnlyList<BadgeRule> EffectiveBadges => Badges.Count > 0 ? Badges : DefaultBadges;
}
