using LearningBot.Core.Quizzes.Fsrs;

namespace LearningBot.Core.Quizzes;

/// <summary>Section LearningBot:Quizzes.</summary>
public sealed class QuizOptions
{
    public const string Section = "LearningBot:Quizzes";

    /// <summary>FSRS target recall when a question comes back, 0.70–0.97 (the FSRS tutorial's permissible range).</summary>
    public double DesiredRetention { get; set; } = 0.9;

    /// <summary>Longest wait before a question comes back, in days.</summary>
    public int MaximumInterval { get; set; } = 36500;

    /// <summary>Spread due dates a little (off by default; seeded by <see cref="FuzzSeed"/> so runs are reproducible).</summary>
    public bool EnableFuzz { get; set; }

    public long FuzzSeed { get; set; }

    /// <summary>At most this many never-seen questions a day, after the due ones.</summary>
    public int NewQuestionsPerDay { get; set; } = 2;

    /// <summary>
    /// After downtime a quiz still goes out late the same local day, but not later than this after the learner's
    /// delivery time (so nothing arrives in the evening); missed days are never made up.
    /// </summary>
    public TimeSpan LateDeliveryWindow { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Quizzes in a row without an answer before quizzes pause themselves.</summary>
    public int UnansweredBeforePause { get; set; } = 3;

    /// <summary>How often the dispatcher job runs.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>False: the dispatch job does not run in this process (tests, or an instance that only answers); the outbox worker has its own switch, LearningBot:Outbox:WorkerEnabled.</summary>
    public bool SchedulingEnabled { get; set; } = true;

    /// <summary>
    /// Who gets the daily quiz: <c>OptIn</c> (the default) people who chose it (the welcome card's "Start daily
    /// quizzes", <c>quiz settings</c>, <c>quiz start</c>); <c>Assigned</c> those, and people whose role or name the
    /// organisation gave a track, after an introduction; <c>Everyone</c> anyone with a 1:1 chat with the bot (the
    /// behaviour before quizzes became opt-in). Existing learners keep their settings in every mode.
    /// </summary>
    public string Enrollment { get; set; } = nameof(QuizEnrollment.OptIn);

    /// <summary><see cref="Enrollment"/> as a value; a name the validator refused counts as OptIn.</summary>
    public QuizEnrollment EnrollmentMode =>
        Enum.GetNames<QuizEnrollment>().FirstOrDefault(n => string.Equals(n, Enrollment?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<QuizEnrollment>(name)
            : QuizEnrollment.OptIn;

    /// <summary>
    /// Tracks L&amp;D assigns from configuration: lessons (by id or tag) for named people. A learner gets these first,
    /// then the default track (every lesson whose audience includes "all").
    /// </summary>
    public List<QuizTrackOptions> Tracks { get; set; } = [];

    internal FsrsParameters ToFsrsParameters() => new()
    {
        DesiredRetention = DesiredRetention,
        MaximumInterval = MaximumInterval,
        EnableFuzz = EnableFuzz,
        FuzzSeed = FuzzSeed,
    };
}

/// <summary>Who gets the daily quiz (LearningBot:Quizzes:Enrollment).</summary>
public enum QuizEnrollment
{
    /// <summary>Only people who chose daily quizzes (they have quiz settings).</summary>
    OptIn,
    /// <summary>People who chose them, and people with an organisation-assigned track (introduced first, quizzed from the next working day).</summary>
    Assigned,
    /// <summary>Anyone with a 1:1 chat with the bot, as before quizzes became opt-in.</summary>
    Everyone,
}

/// <summary>One configured track (LearningBot:Quizzes:Tracks:n).</summary>
public sealed class QuizTrackOptions
{
    public string Name { get; set; } = "";

    /// <summary>Lesson ids in the track.</summary>
    public List<string> Lessons { get; set; } = [];

    /// <summary>Every lesson carrying one of these tags is in the track too.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Who takes the track: Entra object ids, Teams user ids (29:…) or Slack user ids; "*" = everyone.</summary>
    public List<string> People { get; set; } = [];
}
