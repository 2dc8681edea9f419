namespace LearningBot.Core.Knowledge.Search;

/// <summary>Section <c>LearningBot:Knowledge</c>. Defaults are calibrated with bench/AnswerQuality (README, "Answer quality").</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "LearningBot:Knowledge";

    /// <summary>Lowest fused score (semantic similarity plus weighted keyword evidence) that counts as an answer.</summary>
    public double AnswerThreshold { get; set; } = 0.9;

    /// <summary>Weight of keyword (BM25) evidence in the fused score, next to the cosine similarity's weight of 1.</summary>
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>BM25 score at which keyword evidence counts half: bm25 / (bm25 + KeywordSaturation).</summary>
    public double KeywordSaturation { get; set; } = 3.0;

    /// <summary>
    /// Decline when the question is at least this close to an example of what the bot does not cover (the
    /// out-of-scope list) relative to the best lesson: example cosine ≥ lesson cosine − margin.
    /// </summary>
    public double OutOfScopeMargin { get; set; }

    /// <summary>
    /// An out-of-scope example declines a question, and names where to go instead, only when its cosine to the
    /// question is at least this; below it, a question no lesson answers is a plain gap (offered to the experts).
    /// </summary>
    public double OutOfScopeMinSimilarity { get; set; } = 0.4;

    /// <summary>The organisation's list of requests the bot does not cover, with where to go instead (YAML).</summary>
    public string OutOfScopePath { get; set; } = "content/out-of-scope.yaml";

    /// <summary>Index each lesson's quiz questions as extra views of what it answers.</summary>
    public bool QuizQuestionsAsViews { get; set; } = true;

    /// <summary>How many closest topics to offer when the question is not answered.</summary>
    public int ClosestTopics { get; set; } = 3;
}
