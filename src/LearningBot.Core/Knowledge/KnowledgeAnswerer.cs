using System.Text;
using System.Text.RegularExpressions;
using LearningBot.Core.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Knowledge;

/// <summary>An answer the language model wrote from the passages, and the lessons it cites (all of which exist).</summary>
public sealed record GeneratedAnswer(string Text, IReadOnlyList<LessonHit> Cited);

/// <summary>The library's answer to a question, and the model's grounded answer when one was written.</summary>
public sealed record KnowledgeResult(KnowledgeAnswer Search, GeneratedAnswer? Generated);

/// <summary>
/// Retrieval first; then, when a language model is configured and the library answers, a grounded answer written
/// from the best passages only, citing them by lesson id. Citations of ids that were not among the passages are
/// dropped; with none left, or when the model is slow, failing or says it does not know, the bot falls back to
/// the passages themselves. The model is an option, never a requirement.
/// </summary>
public sealed partial class KnowledgeAnswerer(
    IKnowledgeSearch search,
    LanguageModel model,
    IOptions<AiOptions> options,
    TimeProvider clock,
    ILogger<KnowledgeAnswerer> logger)
{
    private const int Passages = 3;
    private const string DoNotKnow = "I don't know";

    public const string Instructions =
        "You answer employees' questions for an internal learning assistant. Use ONLY the passages given by the user " +
        "message; do not use any other knowledge. Answer in at most 120 words, practical and friendly. After each " +
        "sentence that uses a passage, cite it with its lesson id in square brackets, e.g. [feedback-sbi]. " +
        "If the passages do not answer the question, reply exactly: " + DoNotKnow + ".";

    [GeneratedRegex(@"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")]
    private static partial Regex CitationPattern();

    public async Task<KnowledgeResult> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        var found = await search.SearchAsync(question, cancellationToken).ConfigureAwait(false);
        var chat = model.Client;
        if (!found.Answered || chat is null)
        {
            return new KnowledgeResult(found, null);
        }

        var passages = found.Hits.Take(Passages).ToList();
        var prompt = new StringBuilder().Append("Question: ").AppendLine(question).AppendLine().AppendLine("Passages:");
        foreach (var hit in passages)
        {
            prompt.Append('[').Append(hit.LessonId).Append("] ").Append(hit.Title);
            if (hit.SectionHeading.Length > 0)
            {
                prompt.Append(" — ").Append(hit.SectionHeading);
            }
            prompt.AppendLine().AppendLine(hit.Summary).AppendLine(hit.SectionMarkdown).AppendLine();
        }

        string text;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, prompt.ToString())],
                new ChatOptions { Temperature = 0.1f, MaxOutputTokens = 400 },
                linked.Token).ConfigureAwait(false);
            text = response.Text.Trim();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ModelTimedOut(logger, options.Value.TimeoutSeconds);
            return new KnowledgeResult(found, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Down, refusing, or answering nonsense: the passages are still a good answer.
            Log.ModelFailed(logger, e.GetType().Name);
            return new KnowledgeResult(found, null);
        }

        if (text.StartsWith(DoNotKnow, StringComparison.OrdinalIgnoreCase))
        {
            return new KnowledgeResult(found with { Answered = false }, null);
        }
        var known = passages.ToDictionary(p => p.LessonId, StringComparer.Ordinal);
        var cited = new List<LessonHit>();
        var cleaned = CitationPattern().Replace(text, match =>
        {
            if (!known.TryGetValue(match.Groups[1].Value, out var hit))
            {
                return "";
            }
            if (!cited.Contains(hit))
            {
                cited.Add(hit);
            }
            return "";
        });
        cleaned = Regex.Replace(cleaned, @"[ \t]+([.,;:!?])", "$1").Replace("  ", " ", StringComparison.Ordinal).Trim();
        if (cited.Count == 0 || cleaned.Length == 0)
        {
            Log.AnswerWithoutCitations(logger);
            return new KnowledgeResult(found, null);
        }
        return new KnowledgeResult(found, new GeneratedAnswer(cleaned, cited));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Language model gave no answer within {Seconds} s; answering with the passages")]
        public static partial void ModelTimedOut(ILogger logger, double seconds);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Language model failed ({Error}); answering with the passages")]
        public static partial void ModelFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Language model answer cited no passage; answering with the passages")]
        public static partial void AnswerWithoutCitations(ILogger logger);
    }
}
