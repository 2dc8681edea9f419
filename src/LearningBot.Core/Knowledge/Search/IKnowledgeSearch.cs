namespace LearningBot.Core.Knowledge.Search;

/// <summary>Finds the lesson that answers a question, or says honestly that none does.</summary>
public interface IKnowledgeSearch
{
    Task<KnowledgeAnswer> SearchAsync(string question, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of a search. <see cref="Answered"/> is false when no lesson covers the question well enough;
/// <see cref="Hits"/> may then still hold the closest topics. Hits are best first.
/// </summary>
public sealed record KnowledgeAnswer(bool Answered, IReadOnlyList<LessonHit> Hits)
{
    public LessonHit? Best => Hits.Count > 0 ? Hits[0] : null;

    /// <summary>When declined because the question is a kind of request the bot does not cover: where to go instead.</summary>
    public OutOfScopeTopic? Redirect { get; init; }
}

/// <summary>A lesson that matched, with the section that matched best (ordinal 0 = the intro).</summary>
public sealed record LessonHit(string LessonId, string Title, string Summary, int SectionOrdinal, string SectionHeading, string SectionMarkdown, double Score);
