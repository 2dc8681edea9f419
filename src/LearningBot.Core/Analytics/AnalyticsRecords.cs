namespace LearningBot.Core.Analytics;

/// <summary>Who the figures are about: a name, the people in it, and whether the group-size rule hides them.</summary>
public sealed record AnalyticsScope(string Name, IReadOnlySet<Guid> People, bool Hidden);

/// <summary>The overview of a scope over a period. Null figures: the scope is smaller than the minimum group size.</summary>
public sealed record AnalyticsOverview(
    AnalyticsPeriod Period,
    string Scope,
    int MinGroupSize,
    bool Hidden,
    int? ActiveLearners,
    QuestionFigures? Questions,
    QuizFigures? Quizzes,
    RecognitionFigures? Recognitions,
    CircleFigures? Circles,
    DebriefFigures? Debriefs);

/// <summary>Questions put to the library.</summary>
public sealed record QuestionFigures(int Asked, int Answered, int Declined, int Helpful, int NotHelpful);

/// <summary>Quizzes: cards sent, cards with at least one answer, questions answered and first-try correct.</summary>
public sealed record QuizFigures(int Sent, int Answered, int Reviews, int Correct);

/// <summary>Recognition given and received in the scope, and the people recognised at least once.</summary>
public sealed record RecognitionFigures(int Given, int Received, int PeopleRecognised);

/// <summary>Circle check-ins handed in.</summary>
public sealed record CircleFigures(int CheckIns);

/// <summary>Debrief answers handed in, and lessons from debriefs published.</summary>
public sealed record DebriefFigures(int Submitted, int LessonsPublished);

/// <summary>One row of the content-gap inbox: a question as people asked it, how often, the closest lesson.</summary>
public sealed record ContentGapRow(string Question, int Asked, DateTimeOffset LastAsked, string? ClosestLessonId, string? RedirectTopic);

/// <summary>How a lesson did over the period: times it answered a question, and the votes on it.</summary>
public sealed record LessonRow(string LessonId, string Title, string Tags, int Answered, int Helpful, int NotHelpful);

/// <summary>Predicted recall now of a topic in a group (only groups that pass the group-size rule).</summary>
public sealed record RetentionRow(string Topic, string Team, int Learners, double PredictedRecall, bool AtRisk);

/// <summary>Recognition in a group over the period.</summary>
public sealed record RecognitionRow(string Team, int People, int Given, int Received, int PeopleRecognised);

/// <summary>One person's own learning: what <c>progress</c> shows them, and nobody else.</summary>
public sealed record MyLearning(
    int Streak,
    int LongestStreak,
    int LessonsLearned,
    int Due,
    int KudosReceived,
    int DebriefLessonsWritten,
    int DebriefLessonsPublished,
    IReadOnlyList<TopicRecall> Topics);

/// <summary>A person's predicted recall now of one topic.</summary>
public sealed record TopicRecall(string Topic, double PredictedRecall, bool AtRisk);
