using System.Globalization;
using System.Text;

namespace LearningBot.Api;

/// <summary>RFC 4180 CSV: a header row, CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled.</summary>
public static class Csv
{
    /// <summary>The CSV text of <paramref name="header"/> and <paramref name="rows"/>.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            Line(text, row);
        }
        return text.ToString();
    }

    /// <summary>One field, quoted when it must be.</summary>
    public static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // A leading = + - @ would be run as a formula by spreadsheet programs: prefix it so it stays text.
        if (text.Length > 0 && value is string && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    private static void Line(StringBuilder text, IEnumerable<object?> fields)
    {
        text.AppendJoin(',', fields.Select(Field));
        text.Append("\r\n");
    }
}
