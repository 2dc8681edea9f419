using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LearningBot.Core.Knowledge.Library;
using Microsoft.Extensions.AI;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// Drafts one lesson with the language model, as structured output (a JSON schema in <c>response_format</c>): a
/// title, a summary, sections each naming the numbered passages it came from, and 2–3 multiple-choice questions
/// with explanations. The answer is checked against the content format's rules; a broken answer is sent back with
/// what is wrong once, then dropped with the reason. Tokens and time are bounded by <see cref="CourseBuilderOptions"/>.
/// </summary>
internal sealed class ModelDrafter(CourseBuilderModel model, CourseBuilderOptions options, TimeProvider clock)
{
    public const int MinQuestions = 2;
    public const int MaxQuestions = 3;
    public const int MaxSections = 8;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private const string Instructions =
        "You turn passages of an organisation's document into one microlesson read in a chat app. Use only facts stated in the passages; "
        + "add nothing from elsewhere. Write a title (at most 200 characters), a one-sentence summary (at most 280 characters), "
        + "1 to 8 short sections in Markdown without headings inside them, each listing the numbers of the passages it came from, "
        + "and 2 or 3 multiple-choice questions with 3 or 4 distinct choices, the zero-based index of the right choice and an explanation "
        + "taken from the passages. Answer with JSON only, following the schema.";

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["title", "summary", "sections", "questions"],
          "properties": {
            "title": { "type": "string" },
            "summary": { "type": "string" },
            "sections": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["heading", "markdown", "passages"],
                "properties": {
                  "heading": { "type": "string" },
                  "markdown": { "type": "string" },
                  "passages": { "type": "array", "items": { "type": "integer" } }
                }
              }
            },
            "questions": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["question", "choices", "answer", "explanation"],
                "properties": {
                  "question": { "type": "string" },
                  "choices": { "type": "array", "items": { "type": "string" } },
                  "answer": { "type": "integer" },
                  "explanation": { "type": "string" }
                }
              }
            }
          }
        }
        """).RootElement.Clone();

    public long TokensUsed { get; private set; }

    /// <summary>A prompt's tokens guessed from its characters (about four a token), plus the answer's allowance.</summary>
    public long EstimateTokens(LessonChunk chunk) => (chunk.Blocks.Sum(b => b.Text.Length) + Instructions.Length) / 4 + options.MaxOutputTokensPerLesson;

    public sealed record Outcome(Lesson? Lesson, IReadOnlyList<DraftSection> Sections, string? Reason);

    /// <summary>
    /// Drafts <paramref name="chunk"/>. <paramref name="documentToken"/> is cancelled when the document's time is up or the
    /// person cancels; <paramref name="personToken"/> only when the person cancels, which ends drafting instead of dropping one lesson.
    /// </summary>
    public async Task<Outcome> DraftAsync(string id, SourceDocument document, LessonChunk chunk, CancellationToken documentToken, CancellationToken personToken)
    {
        var client = model.Client ?? throw new InvalidOperationException("No language model is configured.");
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Instructions),
            new(ChatRole.User, Prompt(document, chunk)),
        };
        var chatOptions = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "microlesson", "One microlesson drafted from the passages"),
            MaxOutputTokens = options.MaxOutputTokensPerLesson,
            Temperature = 0.2f,
        };
        string? reason = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            ChatResponse response;
            using var call = new CancellationTokenSource(TimeSpan.FromSeconds(options.ModelTimeoutSeconds), clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(documentToken, call.Token);
            try
            {
                response = await client.GetResponseAsync(messages, chatOptions, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!personToken.IsCancellationRequested)
            {
                return new Outcome(null, [], "the model did not answer in time");
            }
            catch (Exception ex) when (ex is HttpRequestException or System.ClientModel.ClientResultException or JsonException or InvalidOperationException)
            {
                return new Outcome(null, [], "the model endpoint failed: " + FirstLine(ex.Message));
            }
            TokensUsed += response.Usage?.TotalTokenCount ?? EstimateTokens(chunk);
            var text = response.Text;
            var (lesson, sections, problems) = Check(id, text, document, chunk);
            if (lesson is not null)
            {
                return new Outcome(lesson, sections, null);
            }
            reason = string.Join("; ", problems);
            if (attempt == 0 && TokensUsed + EstimateTokens(chunk) <= options.MaxTokensPerDocument)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, text));
                messages.Add(new ChatMessage(ChatRole.User,
                    "That answer breaks these rules: " + reason + ". Answer again with the whole corrected JSON, following the schema."));
                continue;
            }
            break;
        }
        return new Outcome(null, [], "the model's draft broke the rules twice: " + reason);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string Prompt(SourceDocument document, LessonChunk chunk)
    {
        var text = new StringBuilder();
        text.Append("Document: ").Append(document.Name).Append('\n');
        text.Append("Topic of this lesson: ").Append(chunk.Title).Append("\n\nPassages:\n");
        for (var i = 0; i < chunk.Blocks.Count; i++)
        {
            var block = chunk.Blocks[i];
            text.Append('[').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("] ");
            text.Append(block.Kind == BlockKind.Heading ? "Heading: " : "").Append(block.Text).Append('\n');
        }
        return text.ToString();
    }

    private sealed record ModelSection(
        [property: JsonPropertyName("heading")] string? Heading,
        [property: JsonPropertyName("markdown")] string? Markdown,
        [property: JsonPropertyName("passages")] IReadOnlyList<int>? Passages);

    private sealed record ModelQuestion(
        [property: JsonPropertyName("question")] string? Question,
        [property: JsonPropertyName("choices")] IReadOnlyList<string>? Choices,
        [property: JsonPropertyName("answer")] int? Answer,
        [property: JsonPropertyName("explanation")] string? Explanation);

    private sealed record ModelLesson(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("summary")] string? Summary,
        [property: JsonPropertyName("sections")] IReadOnlyList<ModelSection>? Sections,
        [property: JsonPropertyName("questions")] IReadOnlyList<ModelQuestion>? Questions);

    /// <summary>The model's answer as a lesson, or every rule it breaks (the course builder's and the content format's).</summary>
    internal (Lesson? Lesson, IReadOnlyList<DraftSection> Sections, IReadOnlyList<string> Problems) Check(string id, string text, SourceDocument document, LessonChunk chunk)
    {
        ModelLesson? answer;
        try
        {
            answer = JsonSerializer.Deserialize<ModelLesson>(StripFence(text), Json);
        }
        catch (JsonException ex)
        {
            return (null, [], [$"the answer is not JSON of the schema ({FirstLine(ex.Message)})"]);
        }
        if (answer is null)
        {
            return (null, [], ["the answer is empty"]);
        }
        var problems = new List<string>();
        var title = answer.Title?.Trim() ?? "";
        var summary = answer.Summary?.Trim() ?? "";
        if (title.Length == 0 || title.Contains('\n', StringComparison.Ordinal))
        {
            problems.Add("'title' must be one non-empty line");
        }
        if (summary.Length == 0)
        {
            problems.Add("'summary' must be a non-empty text");
        }
        var sections = new List<DraftSection>();
        var modelSections = answer.Sections ?? [];
        if (modelSections.Count is < 1 or > MaxSections)
        {
            problems.Add($"'sections' must have 1 to {MaxSections} sections (got {modelSections.Count})");
        }
        for (var i = 0; i < modelSections.Count; i++)
        {
            var section = modelSections[i];
            var markdown = section.Markdown?.Trim() ?? "";
            var heading = (section.Heading ?? "").Trim();
            var passages = section.Passages ?? [];
            if (markdown.Length == 0)
            {
                problems.Add($"section {i + 1}: 'markdown' is empty");
            }
            if (markdown.Split('\n').Any(l => l.TrimStart().StartsWith('#')))
            {
                problems.Add($"section {i + 1}: 'markdown' must not contain headings");
            }
            if (heading.Contains('\n', StringComparison.Ordinal) || heading.StartsWith('#'))
            {
                problems.Add($"section {i + 1}: 'heading' must be one line of text");
            }
            if (passages.Count == 0 || passages.Any(p => p < 1 || p > chunk.Blocks.Count))
            {
                problems.Add($"section {i + 1}: 'passages' must list the numbers (1 to {chunk.Blocks.Count}) of the passages it came from");
                continue;
            }
            var sourceBlocks = passages.Distinct().Order().Select(p => chunk.Blocks[p - 1]).ToList();
            sections.Add(new DraftSection(i == 0 && heading == title ? "" : heading, markdown, DocumentText.Describe(sourceBlocks)));
        }
        var questions = answer.Questions ?? [];
        if (questions.Count is < MinQuestions or > MaxQuestions)
        {
            problems.Add($"'questions' must have {MinQuestions} to {MaxQuestions} questions (got {questions.Count})");
        }
        var quiz = new List<QuizQuestion>();
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var choices = (q.Choices ?? []).Select(c => c.Trim()).ToList();
            if (string.IsNullOrWhiteSpace(q.Question))
            {
                problems.Add($"question {i + 1}: 'question' is empty");
            }
            if (string.IsNullOrWhiteSpace(q.Explanation))
            {
                problems.Add($"question {i + 1}: 'explanation' is empty");
            }
            if (q.Answer is not { } index || index < 0 || index >= choices.Count)
            {
                problems.Add($"question {i + 1}: 'answer' must be the index of the right choice, 0 to {Math.Max(choices.Count - 1, 0)}");
                continue;
            }
            quiz.Add(new QuizQuestion($"{id}-q{(i + 1).ToString(CultureInfo.InvariantCulture)}", q.Question?.Trim() ?? "", choices, index, q.Explanation?.Trim() ?? ""));
        }
        if (problems.Count > 0)
        {
            return (null, [], problems);
        }
        var lesson = CourseDrafter.Compose(id, title, summary, sections, quiz, chunk, document, options, byModel: true);
        var (_, formatProblems) = CourseDrafter.Validate(lesson);
        if (formatProblems.Count > 0)
        {
            return (null, [], formatProblems.Select(p => p.Rule).ToList());
        }
        return (lesson, sections, []);
    }

    /// <summary>Some servers wrap JSON in a Markdown fence even when asked for a schema.</summary>
    private static string StripFence(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = t.IndexOf('\n', StringComparison.Ordinal);
            var close = t.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine > 0 && close > firstLine)
            {
                return t[(firstLine + 1)..close];
            }
        }
        return t;
    }
}
