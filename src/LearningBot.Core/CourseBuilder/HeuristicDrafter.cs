using System.Globalization;
using System.Text;
using System.Text.Json;
using LearningBot.Core.Knowledge.Library;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// Drafts without a language model: the chunk's heading is the title, its first sentence the summary, its
/// sub-headings the sections and its paragraphs the text, as they are in the document. No questions.
/// </summary>
internal static class HeuristicDrafter
{
    public static (Lesson Lesson, IReadOnlyList<DraftSection> Sections) Draft(string id, SourceDocument document, LessonChunk chunk, CourseBuilderOptions options)
    {
        var sections = new List<(string Heading, List<DocumentBlock> Blocks)> { ("", []) };
        foreach (var (block, index) in chunk.Blocks.Select((b, i) => (b, i)))
        {
            if (block.Kind == BlockKind.Heading)
            {
                if (index == 0 && block.Text == chunk.Title)
                {
                    continue;
                }
                sections.Add((block.Text, []));
                continue;
            }
            sections[^1].Blocks.Add(block);
        }
        var drafted = sections
            .Where(s => s.Blocks.Count > 0)
            .Select(s => new DraftSection(s.Heading, Render(s.Blocks), DocumentText.Describe(s.Blocks)))
            .ToList();
        var firstParagraph = chunk.Blocks.FirstOrDefault(b => b.Kind is BlockKind.Paragraph or BlockKind.ListItem)?.Text ?? chunk.Title;
        return (CourseDrafter.Compose(id, chunk.Title, FirstSentence(firstParagraph), drafted, [], chunk, document, options, byModel: false), drafted);
    }

    /// <summary>Blocks back as Markdown: paragraphs apart, list items as a list, code fenced.</summary>
    internal static string Render(IEnumerable<DocumentBlock> blocks)
    {
        var text = new StringBuilder();
        BlockKind? previous = null;
        foreach (var block in blocks)
        {
            if (text.Length > 0)
            {
                text.Append(previous == BlockKind.ListItem && block.Kind == BlockKind.ListItem ? "\n" : "\n\n");
            }
            text.Append(block.Kind switch
            {
                BlockKind.ListItem => "- " + block.Text,
                BlockKind.Code => "```\n" + block.Text.Replace("```", "'''", StringComparison.Ordinal) + "\n```",
                BlockKind.Heading => "**" + block.Text + "**",
                _ => block.Text,
            });
            previous = block.Kind;
        }
        return text.ToString();
    }

    /// <summary>The first sentence, unescaped for front matter, cut at a word to fit a summary.</summary>
    internal static string FirstSentence(string markdown)
    {
        var plain = LessonParser.ToPlainText(markdown).Replace('\n', ' ');
        var end = plain.IndexOfAny(['.', '!', '?']);
        var sentence = end > 20 ? plain[..(end + 1)] : plain;
        return Cut(sentence, LessonFormat.MaxSummaryLength);
    }

    internal static string Cut(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd(',', ';', ':') + "…";
    }

    internal static string SourceFrontMatter(SourceDocument document, IReadOnlyList<DraftSection> sections, bool byModel) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["source"] = new Dictionary<string, object>
            {
                ["document"] = document.Name,
                ["drafted"] = byModel ? "model" : "headings",
                ["passages"] = sections.Select(s => new Dictionary<string, string> { ["section"] = s.Heading, ["from"] = s.Source }).ToList(),
            },
        });

    internal static int Minutes(int words, CourseBuilderOptions options) =>
        Math.Clamp((int)Math.Ceiling(words / (double)options.WordsPerMinute), LessonFormat.MinMinutes, LessonFormat.MaxMinutes);

    internal static string Slug(string text, int max)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > max)
        {
            result = result[..max].TrimEnd('-');
        }
        return result.Length == 0 ? "lesson" : result;
    }
}
