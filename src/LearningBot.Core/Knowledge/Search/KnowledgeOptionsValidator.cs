using LearningBot.Core.Modules;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>The rules for <see cref="KnowledgeOptions"/>.</summary>
internal sealed class KnowledgeOptionsValidator : OptionsRules<KnowledgeOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(KnowledgeOptions options)
    {
        yield return (options.AnswerThreshold >= 0, "LearningBot:Knowledge:AnswerThreshold must be zero or more.");
        yield return (options.ClosestTopics is >= 0 and <= 5, "LearningBot:Knowledge:ClosestTopics must be from 0 to 5.");
        yield return (options.OutOfScopeMinSimilarity is >= -1 and <= 1, "LearningBot:Knowledge:OutOfScopeMinSimilarity is a cosine: it must be from -1 to 1.");
        yield return (options.KeywordWeight >= 0 && options.KeywordSaturation > 0, "LearningBot:Knowledge:KeywordWeight must be zero or more and KeywordSaturation above zero.");
    }
}
