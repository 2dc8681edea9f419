using System.Globalization;
using System.Text;
using System.Text.Json;
using Markdig;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static LearningBot.Core.Knowledge.Library.LessonFormat;

namespace LearningBot.Core.Knowledge.Library;

/// <summary>
/// Parses one lesson file in the <see cref="LessonFormat"/>, in steps: the front matter is cut from the body, read as
/// a YAML mapping, its fields and quiz questions are checked, and the body is split into sections. Every problem is
/// reported with its line; a file with any problem gives no lesson.
/// </summary>
public static class LessonParser
{
    // Lines of the YAML start at file line 2.
    private const int YamlLineOffset = 1;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> only names the file in problems.</summary>
    public static (Lesson? Lesson, IReadOnlyList<LessonProblem> Problems) Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new Problems(file);
        if (SplitFrontMatter(text, problems) is not { } parts || ReadFrontMatter(parts.Yaml, problems) is not { } frontMatter)
        {
            return (null, problems.All);
        }
        var fields = ReadFields(frontMatter, problems);
        var quiz = ReadQuiz(frontMatter, problems);
        if (string.IsNullOrWhiteSpace(parts.Body))
        {
            problems.Add(parts.BodyFirstLine, "the lesson body after the front matter is empty");
        }
        if (problems.Any || fields.Id is null || fields.Title is null || fields.Summary is null)
        {
            return (null, problems.All);
        }
        return (new Lesson
        {
            Id = fields.Id,
            Title = fields.Title,
            Summary = fields.Summary,
            Tags = fields.Tags,
            Skills = fields.Skills,
            Audience = fields.Audience,
            Minutes = fields.Minutes,
            Updated = fields.Updated,
            Body = parts.Body,
            Sections = SplitSections(parts.Body),
            Quiz = quiz,
            ExtraFrontMatter = frontMatter.Extra.Count == 0 ? null : JsonSerializer.Serialize(frontMatter.Extra),
        }, problems.All);
    }

    /// <summary>The problems found so far, each naming the file.</summary>
    private sealed class Problems(string file)
    {
        private readonly List<LessonProblem> _all = [];

        public IReadOnlyList<LessonProblem> All => _all;
        public bool Any => _all.Count > 0;

        public void Add(int? line, string rule) => _all.Add(new LessonProblem(file, line, rule));
    }

    private sealed record Parts(string Yaml, string Body, int BodyFirstLine);

    /// <summary>The front matter's keys (the first of a repeated key) and those this version does not know.</summary>
    private sealed record FrontMatter(IReadOnlyDictionary<string, YamlNode> Values, IReadOnlyDictionary<string, object?> Extra);

    private sealed record Fields(
        string? Id, string? Title, string? Summary, IReadOnlyList<string> Tags, IReadOnlyList<string> Skills, IReadOnlyList<string> Audience,
        int? Minutes, DateOnly? Updated);

    /// <summary>Step 1: the YAML between the two fence lines, and the body after them.</summary>
    private static Parts? SplitFrontMatter(string text, Problems problems)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != Fence)
        {
            problems.Add(1, "front matter: the file must start with a '---' line, then YAML, then another '---' line");
            return null;
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == Fence);
        if (close < 0)
        {
            problems.Add(1, "front matter: no closing '---' line");
            return null;
        }
        return new Parts(string.Join('\n', lines[1..close]), string.Join('\n', lines[(close + 1)..]).Trim('\n'), close + 2);
    }

    /// <summary>Step 2: the front matter as a YAML mapping, its keys once each.</summary>
    private static FrontMatter? ReadFrontMatter(string yaml, Problems problems)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(2, "front matter: must be a YAML mapping of keys to values");
                return null;
            }
            root = mapping;
        }
        catch (YamlException ex)
        {
            problems.Add((int)ex.Start.Line + YamlLineOffset, $"front matter: invalid YAML ({FirstLine(ex.Message)})");
            return null;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!values.TryAdd(key, valueNode))
            {
                problems.Add(LineOf(keyNode), $"front matter: key '{key}' appears twice");
            }
            if (!KnownKeys.Contains(key))
            {
                extra[key] = ToPlainObject(valueNode);
            }
        }
        return new FrontMatter(values, extra);
    }

    /// <summary>Step 3: the lesson's fields, each checked against its rule.</summary>
    private static Fields ReadFields(FrontMatter frontMatter, Problems problems)
    {
        var id = RequiredText(frontMatter, Keys.Id, MaxIdLength, problems);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            problems.Add(LineOf(frontMatter.Values[Keys.Id]), $"'id' must use lowercase letters, digits and '-' only (got '{id}')");
        }
        var title = RequiredText(frontMatter, Keys.Title, MaxTitleLength, problems);
        var summary = RequiredText(frontMatter, Keys.Summary, MaxSummaryLength, problems);
        var tags = Words(frontMatter, Keys.Tags, [], problems);
        var skills = Words(frontMatter, Keys.Skills, [], problems);
        var audience = Words(frontMatter, Keys.Audience, DefaultAudience, problems);
        return new Fields(id, title, summary, tags, skills, audience, ReadMinutes(frontMatter, problems), ReadUpdated(frontMatter, problems));
    }

    private static string? RequiredText(FrontMatter frontMatter, string key, int maxLength, Problems problems)
    {
        if (!frontMatter.Values.TryGetValue(key, out var node))
        {
            problems.Add(2, $"'{key}' is required");
            return null;
        }
        if (node is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
        {
            problems.Add(LineOf(node), $"'{key}' must be a non-empty text");
            return null;
        }
        if (value.Length > maxLength)
        {
            problems.Add(LineOf(node), $"'{key}' is {value.Length} characters; the limit is {maxLength}");
            return null;
        }
        return value.Trim();
    }

    /// <summary>A list of lowercase words (a single word counts as a list of one); <paramref name="fallback"/> when absent or broken.</summary>
    private static IReadOnlyList<string> Words(FrontMatter frontMatter, string key, IReadOnlyList<string> fallback, Problems problems)
    {
        if (!frontMatter.Values.TryGetValue(key, out var node))
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
            problems.Add(LineOf(node), $"'{key}' must be a list of words, e.g. [one, two]");
            return fallback;
        }
        var words = items.Select(i => i!.Trim()).ToList();
        var upper = words.FirstOrDefault(w => !string.Equals(w, w.ToLowerInvariant(), StringComparison.Ordinal));
        if (upper is not null)
        {
            problems.Add(LineOf(node), $"'{key}' must be lowercase (got '{upper}')");
        }
        return words;
    }

    private static int? ReadMinutes(FrontMatter frontMatter, Problems problems)
    {
        if (!frontMatter.Values.TryGetValue(Keys.Minutes, out var node))
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } m } && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= MinMinutes and <= MaxMinutes)
        {
            return minutes;
        }
        problems.Add(LineOf(node), $"'minutes' must be a whole number from {MinMinutes} to {MaxMinutes}");
        return null;
    }

    private static DateOnly? ReadUpdated(FrontMatter frontMatter, Problems problems)
    {
        if (!frontMatter.Values.TryGetValue(Keys.Updated, out var node))
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } u } && DateOnly.TryParseExact(u, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        problems.Add(LineOf(node), "'updated' must be an ISO date such as 2026-10-01");
        return null;
    }

    /// <summary>Step 4: the quiz questions, each id once in the lesson.</summary>
    private static List<QuizQuestion> ReadQuiz(FrontMatter frontMatter, Problems problems)
    {
        var quiz = new List<QuizQuestion>();
        if (!frontMatter.Values.TryGetValue(Keys.Quiz, out var quizNode))
        {
            return quiz;
        }
        if (quizNode is not YamlSequenceNode questions)
        {
            problems.Add(LineOf(quizNode), "'quiz' must be a list of questions");
            return quiz;
        }
        foreach (var item in questions.Children)
        {
            var question = ReadQuestion(item, problems);
            if (question is null)
            {
                continue;
            }
            if (quiz.Any(q => q.Id == question.Id))
            {
                problems.Add(LineOf(item), $"quiz id '{question.Id}' is used twice in this lesson");
                continue;
            }
            quiz.Add(question);
        }
        return quiz;
    }

    private static QuizQuestion? ReadQuestion(YamlNode item, Problems problems)
    {
        if (item is not YamlMappingNode map)
        {
            problems.Add(LineOf(item), "each quiz entry must be a mapping with id, question, choices, answer");
            return null;
        }
        YamlNode? Get(string key) =>
            map.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == key).Value;

        var idNode = Get(Keys.Id) as YamlScalarNode;
        var id = idNode?.Value?.Trim();
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
        {
            problems.Add(LineOf(idNode ?? item), "quiz 'id' is required and must use lowercase letters, digits and '-'");
            return null;
        }
        var text = (Get(Keys.Question) as YamlScalarNode)?.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problems.Add(LineOf(item), $"quiz '{id}': 'question' is required");
            return null;
        }
        var choicesNode = Get(Keys.Choices);
        var choices = (choicesNode as YamlSequenceNode)?.Children.Select(c => (c as YamlScalarNode)?.Value?.Trim()).ToList();
        if (choices is null || choices.Count is < MinChoices or > MaxChoices || choices.Any(string.IsNullOrEmpty))
        {
            problems.Add(LineOf(choicesNode ?? item), $"quiz '{id}': 'choices' must be a list of {MinChoices} to {MaxChoices} non-empty answers");
            return null;
        }
        if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
        {
            problems.Add(LineOf(choicesNode!), $"quiz '{id}': two choices are the same");
            return null;
        }
        var answerNode = Get(Keys.Answer);
        if (answerNode is not YamlScalarNode { Value: { } a } || !int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var answer) || answer >= choices.Count)
        {
            problems.Add(LineOf(answerNode ?? item), $"quiz '{id}': 'answer' must be the index of the right choice, 0 to {choices.Count - 1}");
            return null;
        }
        var explanation = (Get(Keys.Explanation) as YamlScalarNode)?.Value?.Trim() ?? "";
        return new QuizQuestion(id, text, choices!, answer, explanation);
    }

    /// <summary>Step 5: splits the body at '##' headings; text before the first one (after the '#' title) is the intro.</summary>
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

    private static int LineOf(YamlNode node) => (int)node.Start.Line + YamlLineOffset;

    private static object? ToPlainObject(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(ToPlainObject).ToList(),
        YamlMappingNode mapping => mapping.Children.ToDictionary(c => (c.Key as YamlScalarNode)?.Value ?? "", c => ToPlainObject(c.Value)),
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
