using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PageSize = UglyToad.PdfPig.Content.PageSize;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace LearningBot.Core.Tests.CourseBuilder;

/// <summary>
/// A made-up expense handbook written for these tests, rendered as each input format: a title, two sections of about
/// 750 words, a "Travel" section with two sub-sections and a short note after it, and a 2000-word section.
/// At 200 words a minute and 3–7 minute lessons it splits into five lessons.
/// </summary>
internal static class SampleDocuments
{
    public sealed record Part(int Level, string Heading, IReadOnlyList<string> Paragraphs);

    public static readonly string[] ExpectedTitles =
        ["Submitting a claim", "Approval", "Travel", "Reimbursement", "Reimbursement (part 2)"];

    public static IReadOnlyList<Part> Handbook { get; } =
    [
        new(1, "Expense handbook", []),
        new(2, "Submitting a claim", Paragraphs("claim", 3, 250)),
        new(2, "Approval", Paragraphs("approval", 3, 250)),
        new(2, "Travel", []),
        new(3, "Flights", Paragraphs("flight", 2, 200)),
        new(3, "Hotels", Paragraphs("hotel", 2, 200)),
        new(2, "Short note", Paragraphs("note", 1, 100)),
        new(2, "Reimbursement", Paragraphs("payment", 8, 250)),
    ];

    /// <summary>Sentences about <paramref name="topic"/>, numbered so no two paragraphs are alike.</summary>
    public static IReadOnlyList<string> Paragraphs(string topic, int count, int words)
    {
        var result = new List<string>();
        for (var p = 0; p < count; p++)
        {
            var text = new StringBuilder();
            var n = 0;
            while (n < words)
            {
                var sentence = $"Rule {(p + 1).ToString(CultureInfo.InvariantCulture)}.{(n / 10 + 1).ToString(CultureInfo.InvariantCulture)} says every {topic} needs a receipt within thirty days. ";
                text.Append(sentence);
                n += 10;
            }
            result.Add(text.ToString().Trim());
        }
        return result;
    }

    public static byte[] Markdown(IReadOnlyList<Part> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(new string('#', part.Level)).Append(' ').Append(part.Heading).Append("\n\n");
            foreach (var paragraph in part.Paragraphs)
            {
                text.Append(paragraph).Append("\n\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] PlainText(IReadOnlyList<Part> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Heading).Append('\n');
            if (part.Level < 3)
            {
                text.Append(new string(part.Level == 1 ? '=' : '-', part.Heading.Length)).Append('\n');
            }
            text.Append('\n');
            foreach (var paragraph in part.Paragraphs)
            {
                // Wrapped lines, as a text editor would save them.
                text.Append(Wrap(paragraph, 72)).Append("\n\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Html(IReadOnlyList<Part> parts)
    {
        var text = new StringBuilder("<!doctype html><html><head><title>Handbook</title><style>p{color:red}</style></head><body>");
        text.Append("<nav><a href=\"/\">Home</a></nav><main>");
        foreach (var part in parts)
        {
            text.Append(CultureInfo.InvariantCulture, $"<h{part.Level}>{part.Heading}</h{part.Level}>\n");
            foreach (var paragraph in part.Paragraphs)
            {
                text.Append("<p>").Append(paragraph.Replace("receipt", "<b>receipt</b>", StringComparison.Ordinal)).Append("</p>\n");
            }
        }
        text.Append("</main><script>var x = 1;</script></body></html>");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Docx(IReadOnlyList<Part> parts)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            foreach (var part in parts)
            {
                var style = part.Level == 1 ? "Title" : "Heading" + (part.Level - 1).ToString(CultureInfo.InvariantCulture);
                body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(part.Heading))));
                foreach (var paragraph in part.Paragraphs)
                {
                    var half = paragraph.Length / 2;
                    var cut = paragraph.IndexOf(' ', half);
                    // Two runs, as Word splits text at formatting changes.
                    body.Append(new Paragraph(
                        new Run(new Text(paragraph[..cut]) { Space = SpaceProcessingModeValues.Preserve }),
                        new Run(new RunProperties(new Bold()), new Text(paragraph[cut..]) { Space = SpaceProcessingModeValues.Preserve })));
                }
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    public static byte[] Pdf(IReadOnlyList<Part> parts)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageSize.A4);
        var y = 800.0;
        void Line(string text, double size, PdfDocumentBuilder.AddedFont f, double after)
        {
            if (y < 60)
            {
                page = builder.AddPage(PageSize.A4);
                y = 800;
            }
            page.AddText(text, size, new PdfPoint(50, y), f);
            y -= after;
        }
        foreach (var part in parts)
        {
            var size = part.Level switch { 1 => 24, 2 => 18, _ => 14 };
            Line(part.Heading, size, bold, size * 1.6);
            foreach (var paragraph in part.Paragraphs)
            {
                var lines = Wrap(paragraph, 85).Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    Line(lines[i], 10, font, i == lines.Length - 1 ? 26 : 13);
                }
            }
        }
        return builder.Build();
    }

    /// <summary>A PDF of pages with only drawings on them, as a scanner without OCR would make (the image is a rectangle here).</summary>
    public static byte[] ScannedPdf(int pages = 2)
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.DrawRectangle(new PdfPoint(40, 40), 500, 700, 2, fill: true);
        }
        return builder.Build();
    }

    public static byte[] TextPdf(int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 0; i < pages; i++)
        {
            builder.AddPage(PageSize.A4).AddText($"Page {i + 1} says every claim needs a receipt.", 10, new PdfPoint(50, 700), font);
        }
        return builder.Build();
    }

    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0)
            {
                line.Append(' ');
            }
            line.Append(word);
        }
        lines.Add(line.ToString());
        return string.Join('\n', lines);
    }
}
