using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LearningBot.Core.Knowledge.Library;

/// <summary>Parses one lesson file in the CONTENT-FORMAT.md format: YAML front matter, then a CommonMark body.</summary>
public static partial class LessonParser
{
    public const int MaxSummaryLength = 280;
    private static readonly HashSet<string> KnownKeys =
        ["id", "title", "summary", "tags", "skills", "audience", "minutes", "updated", "quiz"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> only names the file in problems.</summary>
    public static (Lesson? Lesson, IReadOnlyList<LessonProblem> Problems) Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<LessonProblem>();
        void Problem(int? line, string rule) => problems.Add(new LessonProblem(file, line, rule));

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            Problem(1, "front matter: the file must start with a '---' line, then YAML, then another '---' line");
            return (null, problems);
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (close < 0)
        {
            Problem(1, "front matter: no closing '---' line");
            return (null, problems);
        }
        // Lines of the YAML start at file line 2.
        const int yamlLineOffset = 1;
        var yaml = string.Join('\n', lines[1..close]);
        var bodyFirstLine = close + 2;
        var body = string.Join('\n', lines[(close + 1)..]).Trim('\n');

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                Problem(2, "front matter: must be a YAML mapping of keys to values");
                return (null, problems);
            }
            root = mapping;
        }
        catch (YamlException ex)
        {
            Problem((int)ex.Start.Line + yamlLineOffset, $"front matter: invalid YAML ({FirstLine(ex.Message)})");
            return (null, problems);
        }

        int LineOf(YamlNode node) => (int)node.Start.Line + yamlLineOffset;
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!values.TryAdd(key, valueNode))
            {
                Problem(LineOf(keyNode), $"front matter: key '{key}' appears twice");
            }
            if (!KnownKeys.Contains(key))
            {
                extra[key] = ToPlainObject(valueNode);
            }
        }

        string? RequiredString(string key, int maxLength)
        {
            if (!values.TryGetValue(key, out var node))
            {
                Problem(2, $"'{key}' is required");
                return null;
            }
            if (node is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
            {
                Problem(LineOf(node), $"'{key}' must be a non-empty text");
                return null;
            }
            if (value.Length > maxLength)
            {
                Problem(LineOf(node), $"'{key}' is {value.Length} characters; the limit is {maxLength}");
                return null;
            }
            return value.Trim();
        }

        var id = RequiredString("id", 100);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            Problem(LineOf(values["id"]), $"'id' must use lowercase letters, digits and '-' only (got '{id}')");
        }
        var title = RequiredString("title", 200);
        var summary = RequiredString("summary", MaxSummaryLength);

        IReadOnlyList<string> List(string key, IReadOnlyList<string> fallback)
        {
            if (!values.TryGetValue(key, out var node))
            {
                return fallback;
            }
            var items = node switch
            {
                YamlSequenceNode sequence => sequence.Children.Select(c => (c as YamlScalarNode)?.Value).ToList(),
                YamlScalarNode { Value: { Length: > 0 } single } => [single],
                _ => null,
            };
            if (items is null || items.Any(string.IsNullOrWhiteSpace))
            {
                Problem(LineOf(node), $"'{key}' must be a list of words, e.g. [one, two]");
                return fallback;
            }
            var words = items.Select(i => i!.Trim()).ToList();
            var upper = words.FirstOrDefault(w => !string.Equals(w, w.ToLowerInvariant(), StringComparison.Ordinal));
            if (upper is not null)
            {
                Problem(LineOf(node), $"'{key}' must be lowercase (got '{upper}')");
            }
            return words;
        }

        var tags = List("tags", []);
        var skills = List("skills", []);
        var audience = List("audience", ["all"]);

        int? minutes = null;
        if (values.TryGetValue("minutes", out var minutesNode))
        {
            if (minutesNode is YamlScalarNode { Value: { } m } && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 120)
            {
                minutes = parsed;
            }
            else
            {
                Problem(LineOf(minutesNode), "'minutes' must be a whole number from 1 to 120");
            }
        }

        DateOnly? updated = null;
        if (values.TryGetValue("updated", out var updatedNode))
        {
            if (updatedNode is YamlScalarNode { Value: { } u } && DateOnly.TryParseExact(u, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                updated = date;
            }
            else
            {
                Problem(LineOf(updatedNode), "'updated' must be an ISO date such as 2026-10-01");
            }
        }

        var quiz = new List<QuizQuestion>();
        if (values.TryGetValue("quiz", out var quizNode))
        {
            if (quizNode is not YamlSequenceNode questions)
            {
                Problem(LineOf(quizNode), "'quiz' must be a list of questions");
            }
            else
            {
                foreach (var item in questions.Children)
                {
                    var question = ParseQuestion(item, LineOf, Problem);
                    if (question is null)
                    {
                        continue;
                    }
                    if (quiz.Any(q => q.Id == question.Id))
                    {
                        Problem(LineOf(item), $"quiz id '{question.Id}' is used twice in this lesson");
                        continue;
                    }
                    quiz.Add(question);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            Problem(bodyFirstLine, "the lesson body after the front matter is empty");
        }

        if (problems.Count > 0 || id is null || title is null || summary is null)
        {
            return (null, problems);
        }

        return (new Lesson
        {
            Id = id,
            Title = title,
            Summary = summary,
            Tags = tags,
            Skills = skills,
            Audience = audience,
            Minutes = minutes,
            Updated = updated,
            Body = body,
            Sections = SplitSections(body),
            Quiz = quiz,
            ExtraFrontMatter = extra.Count == 0 ? null : JsonSerializer.Serialize(extra),
        }, problems);
    }

    private static QuizQuestion? ParseQuestion(YamlNode item, Func<YamlNode, int> lineOf, Action<int?, string> problem)
    {
        if (item is not YamlMappingNode map)
        {
            problem(lineOf(item), "each quiz entry must be a mapping with id, question, choices, answer");
            return null;
        }
        YamlNode? Get(string key) =>
            map.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == key).Value;

        var idNode = Get("id") as YamlScalarNode;
        var id = idNode?.Value?.Trim();
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
        {
            problem(lineOf(idNode ?? item), "quiz 'id' is required and must use lowercase letters, digits and '-'");
            return null;
        }
        var text = (Get("question") as YamlScalarNode)?.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem(lineOf(item), $"quiz '{id}': 'question' is required");
            return null;
        }
        var choicesNode = Get("choices");
        var choices = (choicesNode as YamlSequenceNode)?.Children.Select(c => (c as YamlScalarNode)?.Value?.Trim()).ToList();
        if (choices is null || choices.Count is < 2 or > 10 || choices.Any(string.IsNullOrEmpty))
        {
            problem(lineOf(choicesNode ?? item), $"quiz '{id}': 'choices' must be a list of 2 to 10 non-empty answers");
            return null;
        }
        if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
        {
            problem(lineOf(choicesNode!), $"quiz '{id}': two choices are the same");
            return null;
        }
        var answerNode = Get("answer");
        if (answerNode is not YamlScalarNode { Value: { } a } || !int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var answer) || answer >= choices.Count)
        {
            problem(lineOf(answerNode ?? item), $"quiz '{id}': 'answer' must be the index of the right choice, 0 to {choices.Count - 1}");
            return null;
        }
        var explanation = (Get("explanation") as YamlScalarNode)?.Value?.Trim() ?? "";
        return new QuizQuestion(id, text, choices!, answer, explanation);
    }

    /// <summary>Splits the body at '##' headings; text before the first one (after the '#' title) is the intro.</summary>
    internal static IReadOnlyList<LessonSection> SplitSections(string body)
    {
        var document = Markdown.Parse(body, Pipeline);
        var sections = new List<(string Heading, int Start, int End)>();
        var currentHeading = "";
        var currentStart = 0;
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 1 } h1 && sections.Count == 0 && currentHeading.Length == 0)
            {
                // The '# Title' line repeats the front-matter title: not part of the intro.
                currentStart = h1.Span.End + 1;
                continue;
            }
            if (block is HeadingBlock { Level: 2 } h2)
            {
                sections.Add((currentHeading, currentStart, h2.Span.Start));
                currentHeading = ToPlainText(body[h2.Span.Start..(h2.Span.End + 1)].TrimStart('#', ' '));
                currentStart = h2.Span.End + 1;
            }
        }
        sections.Add((currentHeading, currentStart, body.Length));

        var result = new List<LessonSection>();
        foreach (var (heading, start, end) in sections)
        {
            var markdown = start < end ? body[start..end].Trim() : "";
            if (heading.Length == 0 && markdown.Length == 0 && result.Count == 0)
            {
                result.Add(new LessonSection("", "", ""));
                continue;
            }
            result.Add(new LessonSection(heading, markdown, ToPlainText(markdown)));
        }
        return result;
    }

    internal static string ToPlainText(string markdown)
    {
        var plain = Markdown.ToPlainText(markdown, Pipeline);
        var builder = new StringBuilder(plain.Length);
        foreach (var line in plain.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                builder.Append(trimmed).Append('\n');
            }
        }
        return builder.ToString().TrimEnd();
    }

    private static object? ToPlainObject(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(ToPlainObject).ToList(),
        YamlMappingNode mapping => mapping.Children.ToDictionary(c => (c.Key as YamlScalarNode)?.Value ?? "", c => ToPlainObject(c.Value)),
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
