using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using HtmlAgilityPack;
using Markdig;
using Markdig.Syntax;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// Reads a document — Markdown, plain text, Word (.docx), text-based PDF or HTML — into structured text (headings,
/// paragraphs, list items), each block with the spot it came from. Files past the size, page or word limits, of an
/// unknown kind, damaged, or PDFs without a text layer (scans) are refused with a message that says what to do.
/// </summary>
public static class DocumentReader
{
    /// <summary>The file name endings read, as told to a person who sent something else.</summary>
    public const string Accepted = ".md, .txt, .docx, .pdf or .html";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    public static DocumentReading Read(string fileName, byte[] content, CourseBuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var name = Path.GetFileName(fileName);
        if (content.LongLength > options.MaxFileBytes)
        {
            return DocumentReading.Refused(TooLarge(name, content.LongLength, options));
        }
        if (content.Length == 0)
        {
            return DocumentReading.Refused($"{name} is empty.");
        }
        var extension = Path.GetExtension(name).ToUpperInvariant();
        var reading = extension switch
        {
            ".MD" or ".MARKDOWN" => FromText(name, "markdown", content, ReadMarkdown),
            ".TXT" or ".TEXT" => FromText(name, "text", content, ReadPlainText),
            ".HTML" or ".HTM" => FromText(name, "html", content, ReadHtml),
            ".DOCX" => ReadDocx(name, content),
            ".PDF" => ReadPdf(name, content, options),
            _ => DocumentReading.Refused($"I can't read {name}: the course builder reads {Accepted} files."),
        };
        if (reading.Document is { } document)
        {
            if (document.Blocks.Count == 0 || document.Words == 0)
            {
                return DocumentReading.Refused($"{name} has no text I could read.");
            }
            if (document.Words > options.MaxWords)
            {
                return DocumentReading.Refused(
                    $"{name} has {document.Words.ToString("N0", CultureInfo.InvariantCulture)} words; the course builder takes up to {options.MaxWords.ToString("N0", CultureInfo.InvariantCulture)} (about {options.MaxPages} pages). Split it into parts and send them one at a time.");
            }
        }
        return reading;
    }

    /// <summary>What the person is told about a file over <see cref="CourseBuilderOptions.MaxFileBytes"/> (its size when known).</summary>
    public static string TooLarge(string name, long? bytes, CourseBuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = bytes is { } known ? $"is {Megabytes(known)}" : "is larger than that";
        return bytes is null
            ? $"{name} is larger than {Megabytes(options.MaxFileBytes)}, the most the course builder takes. Split it into parts and send them one at a time."
            : $"{name} {size}; the course builder takes documents up to {Megabytes(options.MaxFileBytes)}. Split it into parts and send them one at a time.";
    }

    /// <summary>True when the file's name ends in a kind the reader reads.</summary>
    public static bool Reads(string fileName) =>
        Path.GetExtension(fileName).ToUpperInvariant() is ".MD" or ".MARKDOWN" or ".TXT" or ".TEXT" or ".HTML" or ".HTM" or ".DOCX" or ".PDF";

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    private static DocumentReading FromText(string name, string format, byte[] content, Func<string, List<DocumentBlock>> read)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return DocumentReading.Refused($"{name} is not UTF-8 text; save it as UTF-8 and send it again.");
        }
        return new DocumentReading(new SourceDocument(name, format, read(text.Replace("\r\n", "\n", StringComparison.Ordinal))), null);
    }

    private static List<DocumentBlock> ReadMarkdown(string text)
    {
        var blocks = new List<DocumentBlock>();
        var document = Markdown.Parse(text, Pipeline);
        // A lesson file's own front matter is not content.
        foreach (var block in document)
        {
            Add(blocks, block, text);
        }
        return blocks;
    }

    private static void Add(List<DocumentBlock> blocks, Block block, string text)
    {
        var where = new SourceSpot("line", block.Line + 1);
        switch (block)
        {
            case HeadingBlock heading:
                blocks.Add(new DocumentBlock(BlockKind.Heading, heading.Level, DocumentText.Collapse(Slice(text, heading).TrimStart('#').TrimEnd('#')), where));
                break;
            case ThematicBreakBlock:
                break;
            case FencedCodeBlock or CodeBlock:
                blocks.Add(new DocumentBlock(BlockKind.Code, 0, string.Join('\n', ((LeafBlock)block).Lines.Lines.Take(((LeafBlock)block).Lines.Count).Select(l => l.ToString())), where));
                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var itemText = string.Join(' ', item.OfType<LeafBlock>().Select(l => DocumentText.Collapse(Slice(text, l))));
                    if (itemText.Length > 0)
                    {
                        blocks.Add(new DocumentBlock(BlockKind.ListItem, 0, itemText, new SourceSpot("line", item.Line + 1)));
                    }
                }
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Add(blocks, child, text);
                }
                break;
            case LeafBlock leaf:
                var paragraph = DocumentText.Collapse(Slice(text, leaf));
                if (paragraph.Length > 0 && !(paragraph.StartsWith("---", StringComparison.Ordinal) && blocks.Count == 0))
                {
                    blocks.Add(new DocumentBlock(BlockKind.Paragraph, 0, paragraph, where));
                }
                break;
        }
    }

    private static string Slice(string text, Block block) =>
        block.Span.Start >= 0 && block.Span.End < text.Length && block.Span.End >= block.Span.Start ? text[block.Span.Start..(block.Span.End + 1)] : "";

    /// <summary>
    /// Paragraphs are separated by blank lines; a line underlined with '=' is a heading, with '-' a sub-heading, and a short
    /// line alone without closing punctuation a heading below those.
    /// </summary>
    private static List<DocumentBlock> ReadPlainText(string text)
    {
        var blocks = new List<DocumentBlock>();
        var lines = text.Split('\n');
        var paragraph = new List<string>();
        var start = 0;
        void Flush()
        {
            if (paragraph.Count == 0)
            {
                return;
            }
            var spot = new SourceSpot("line", start + 1);
            if (paragraph.Count == 2 && paragraph[1].Trim() is { Length: >= 3 } underline && (underline.All(c => c == '=') || underline.All(c => c == '-')))
            {
                blocks.Add(new DocumentBlock(BlockKind.Heading, underline[0] == '=' ? 1 : 2, DocumentText.Escape(paragraph[0].Trim()), spot));
            }
            else if (paragraph.All(IsBullet))
            {
                for (var i = 0; i < paragraph.Count; i++)
                {
                    blocks.Add(new DocumentBlock(BlockKind.ListItem, 0, DocumentText.Escape(paragraph[i].Trim()[1..].Trim()), new SourceSpot("line", start + i + 1)));
                }
            }
            else if (paragraph.Count == 1 && LooksLikeHeading(paragraph[0]))
            {
                blocks.Add(new DocumentBlock(BlockKind.Heading, 3, DocumentText.Escape(paragraph[0].Trim()), spot));
            }
            else
            {
                blocks.Add(new DocumentBlock(BlockKind.Paragraph, 0, DocumentText.Escape(DocumentText.Collapse(string.Join(' ', paragraph))), spot));
            }
            paragraph.Clear();
        }
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                Flush();
                continue;
            }
            if (paragraph.Count == 0)
            {
                start = i;
            }
            paragraph.Add(lines[i]);
        }
        Flush();
        return blocks;
    }

    private static bool IsBullet(string line) => line.TrimStart() is { Length: > 2 } t && t[0] is '-' or '*' or '•' && t[1] == ' ';

    private static bool LooksLikeHeading(string line)
    {
        var t = line.Trim();
        return t.Length is > 0 and <= 80 && DocumentText.CountWords(t) <= 12 && !char.IsLower(t[0]) && t[^1] is not ('.' or ',' or ';' or ':' or '!' or '?' or ')' or '"');
    }

    private static readonly HashSet<string> HtmlSkipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form", "svg",
    };

    private static List<DocumentBlock> ReadHtml(string text)
    {
        var html = new HtmlDocument();
        html.LoadHtml(text);
        var blocks = new List<DocumentBlock>();
        var root = html.DocumentNode.SelectSingleNode("//main") ?? html.DocumentNode.SelectSingleNode("//body") ?? html.DocumentNode;
        WalkHtml(root, blocks);
        return blocks;
    }

    private static void WalkHtml(HtmlNode node, List<DocumentBlock> blocks)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Comment || HtmlSkipped.Contains(child.Name))
            {
                continue;
            }
            var spot = new SourceSpot("line", child.Line);
            string Text() => DocumentText.Collapse(HtmlEntity.DeEntitize(child.InnerText));
            switch (child.Name.ToUpperInvariant())
            {
                case "H1" or "H2" or "H3" or "H4" or "H5" or "H6":
                    Emit(blocks, BlockKind.Heading, child.Name[1] - '0', Text(), spot);
                    break;
                case "P" or "BLOCKQUOTE" or "DT" or "DD" or "FIGCAPTION" or "TD" or "TH":
                    Emit(blocks, BlockKind.Paragraph, 0, Text(), spot);
                    break;
                case "LI":
                    Emit(blocks, BlockKind.ListItem, 0, Text(), spot);
                    break;
                case "PRE":
                    var code = HtmlEntity.DeEntitize(child.InnerText).Trim('\n');
                    if (code.Trim().Length > 0)
                    {
                        blocks.Add(new DocumentBlock(BlockKind.Code, 0, code, spot));
                    }
                    break;
                case "#TEXT":
                    Emit(blocks, BlockKind.Paragraph, 0, Text(), spot);
                    break;
                default:
                    WalkHtml(child, blocks);
                    break;
            }
        }
    }

    private static void Emit(List<DocumentBlock> blocks, BlockKind kind, int level, string plain, SourceSpot spot)
    {
        if (plain.Length > 0)
        {
            blocks.Add(new DocumentBlock(kind, level, DocumentText.Escape(plain), spot));
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "A damaged upload makes the Open XML SDK throw several exception types; each is the same refusal to the sender.")]
    private static DocumentReading ReadDocx(string name, byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var word = WordprocessingDocument.Open(stream, false);
            var body = word.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return DocumentReading.Refused($"{name} has no text I could read.");
            }
            var blocks = new List<DocumentBlock>();
            var number = 0;
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                number++;
                var text = DocumentText.Collapse(string.Concat(paragraph.Descendants<Text>().Select(t => t.Text)));
                if (text.Length == 0)
                {
                    continue;
                }
                var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
                var spot = new SourceSpot("paragraph", number);
                if (HeadingLevel(style) is { } level)
                {
                    blocks.Add(new DocumentBlock(BlockKind.Heading, level, DocumentText.Escape(text), spot));
                }
                else if (paragraph.ParagraphProperties?.NumberingProperties is not null || style.StartsWith("List", StringComparison.OrdinalIgnoreCase))
                {
                    blocks.Add(new DocumentBlock(BlockKind.ListItem, 0, DocumentText.Escape(text), spot));
                }
                else
                {
                    blocks.Add(new DocumentBlock(BlockKind.Paragraph, 0, DocumentText.Escape(text), spot));
                }
            }
            return new DocumentReading(new SourceDocument(name, "docx", blocks), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return DocumentReading.Refused($"I couldn't open {name} as a Word document; save it again as .docx (or as PDF) and send it again.");
        }
    }

    private static int? HeadingLevel(string style)
    {
        // The Title style sits above Heading 1.
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }
        var digits = style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) ? style["Heading".Length..] : "";
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 9 ? Math.Min(level + 1, 6) : null;
    }

    [SuppressMessage("Design", "CA1031", Justification = "A damaged upload makes PdfPig throw several exception types; each is the same refusal to the sender.")]
    private static DocumentReading ReadPdf(string name, byte[] content, CourseBuilderOptions options)
    {
        try
        {
            using var pdf = PdfDocument.Open(content);
            if (pdf.NumberOfPages > options.MaxPages)
            {
                return DocumentReading.Refused(
                    $"{name} has {pdf.NumberOfPages} pages; the course builder takes up to {options.MaxPages}. Split it into parts and send them one at a time.");
            }
            var lines = new List<PdfLine>();
            foreach (var page in pdf.GetPages())
            {
                lines.AddRange(PdfLines(page));
            }
            if (lines.Sum(l => DocumentText.CountWords(l.Text)) == 0)
            {
                return DocumentReading.Refused(
                    $"{name} has no text layer — it looks like a scan, and I can only read text. Send the original document (Word or a text PDF), or run it through OCR first.");
            }
            return new DocumentReading(new SourceDocument(name, "pdf", PdfBlocks(lines)), null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return DocumentReading.Refused($"{name} is password-protected; send a copy without the password.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return DocumentReading.Refused($"I couldn't open {name} as a PDF; save it again and send it again.");
        }
    }

    private sealed record PdfLine(int Page, double Size, double Baseline, string Text);

    /// <summary>A page's words grouped into lines by their baseline, top to bottom, each with its font size.</summary>
    private static IEnumerable<PdfLine> PdfLines(Page page) => page.GetWords()
        .Where(w => !string.IsNullOrWhiteSpace(w.Text) && w.Letters.Count > 0)
        .GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y))
        .OrderByDescending(g => g.Key)
        .Select(g =>
        {
            var ordered = g.OrderBy(w => w.BoundingBox.Left).ToList();
            var size = ordered.SelectMany(w => w.Letters).Select(l => l.PointSize).Average();
            return new PdfLine(page.Number, Math.Round(size, 1), g.Key, string.Join(' ', ordered.Select(w => w.Text)));
        });

    /// <summary>Lines in a font clearly larger than the body's are headings; a wider gap than the usual line step, or a new page, starts a paragraph.</summary>
    private static List<DocumentBlock> PdfBlocks(List<PdfLine> lines)
    {
        var body = lines.GroupBy(l => l.Size).OrderByDescending(g => g.Sum(l => l.Text.Length)).ThenBy(g => g.Key).First().Key;
        bool IsHeading(PdfLine line) => line.Size >= body * 1.15 && DocumentText.CountWords(line.Text) <= 16;
        var headingSizes = lines.Where(IsHeading).Select(l => l.Size).Distinct().OrderByDescending(s => s).ToList();
        var steps = lines.Zip(lines.Skip(1))
            .Where(p => p.First.Page == p.Second.Page && !IsHeading(p.First) && !IsHeading(p.Second))
            .Select(p => p.First.Baseline - p.Second.Baseline)
            .Where(step => step > 0)
            .Order()
            .ToList();
        var usualStep = steps.Count == 0 ? body * 1.2 : steps[steps.Count / 2];
        var blocks = new List<DocumentBlock>();
        var paragraph = new StringBuilder();
        var paragraphPage = 0;
        void Flush()
        {
            if (paragraph.Length > 0)
            {
                var text = DocumentText.Collapse(paragraph.ToString());
                var spot = new SourceSpot("page", paragraphPage);
                blocks.Add(IsBulletText(text)
                    ? new DocumentBlock(BlockKind.ListItem, 0, DocumentText.Escape(text[1..].Trim()), spot)
                    : new DocumentBlock(BlockKind.Paragraph, 0, DocumentText.Escape(text), spot));
                paragraph.Clear();
            }
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var previousLine = i > 0 ? lines[i - 1] : null;
            if (IsHeading(line))
            {
                Flush();
                var level = Math.Clamp(headingSizes.IndexOf(line.Size) + 1, 1, 6);
                if (blocks.Count > 0 && blocks[^1] is { Kind: BlockKind.Heading } previous && previous.Level == level
                    && previousLine is not null && previousLine.Page == line.Page && previousLine.Size == line.Size)
                {
                    // A heading that wraps onto a second line.
                    blocks[^1] = previous with { Text = previous.Text + " " + DocumentText.Escape(line.Text) };
                    continue;
                }
                blocks.Add(new DocumentBlock(BlockKind.Heading, level, DocumentText.Escape(line.Text), new SourceSpot("page", line.Page)));
                continue;
            }
            var newParagraph = paragraph.Length == 0 || previousLine is null || previousLine.Page != line.Page
                || previousLine.Baseline - line.Baseline > usualStep * 1.4 || IsBulletText(line.Text);
            if (newParagraph)
            {
                Flush();
                paragraphPage = line.Page;
            }
            paragraph.Append(line.Text).Append(' ');
        }
        Flush();
        return blocks;
    }

    private static bool IsBulletText(string text) => text.Length > 2 && text[0] is '•' or '–' or '-' or '*' or '▪' && text[1] == ' ';
}
