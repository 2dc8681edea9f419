using System.Globalization;

namespace LearningBot.Core.CourseBuilder;

/// <summary>What a block of a source document is: a heading (with its level), a paragraph, a list item or code.</summary>
public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    Code,
}

/// <summary>Where a block sits in its document, as a reviewer would look it up: a page, a line or a paragraph number.</summary>
public sealed record SourceSpot(string Unit, int Number);

/// <summary>One block of a document as structured text; <see cref="Text"/> is Markdown-ready (special characters escaped).</summary>
public sealed record DocumentBlock(BlockKind Kind, int Level, string Text, SourceSpot Where)
{
    public int Words => DocumentText.CountWords(Text);
}

/// <summary>A document read into blocks: its file name, its format and the blocks in reading order.</summary>
public sealed record SourceDocument(string Name, string Format, IReadOnlyList<DocumentBlock> Blocks)
{
    public int Words => Blocks.Sum(b => b.Words);
}

/// <summary>A document read, or the reason it was refused, worded for the person who sent it.</summary>
public sealed record DocumentReading(SourceDocument? Document, string? Refusal)
{
    public static DocumentReading Refused(string reason) => new(null, reason);
}

/// <summary>Small text helpers shared by the readers and the drafters.</summary>
public static class DocumentText
{
    private static readonly char[] Space = [' ', '\t', '\n', '\r'];

    public static int CountWords(string text) =>
        string.IsNullOrEmpty(text) ? 0 : text.Split(Space, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Runs of white space become one space; the ends are trimmed.</summary>
    public static string Collapse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Split(Space, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Plain text made safe to put in a Markdown body: nothing in it turns into a heading, list, quote or markup.</summary>
    public static string Escape(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var builder = new System.Text.StringBuilder(plain.Length + 8);
        foreach (var c in plain)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        var text = builder.ToString();
        // A leading "-", "+", "=" or "1." would start a list or an underline heading.
        if (text.Length > 0 && (text[0] is '-' or '+' or '=' || (char.IsAsciiDigit(text[0]) && LeadingNumberMarker(text))))
        {
            text = "\\" + text;
        }
        return text;
    }

    private static bool LeadingNumberMarker(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i < text.Length && text[i] is '.' or ')';
    }

    /// <summary>"page 3", "pages 3–5", "lines 10–24": the spots a passage covers.</summary>
    public static string Describe(IReadOnlyList<DocumentBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            return "";
        }
        var first = blocks[0].Where;
        var last = blocks[^1].Where;
        if (first.Number == last.Number)
        {
            return $"{first.Unit} {first.Number.ToString(CultureInfo.InvariantCulture)}";
        }
        return $"{first.Unit}s {first.Number.ToString(CultureInfo.InvariantCulture)}–{last.Number.ToString(CultureInfo.InvariantCulture)}";
    }
}
