using System.Text.Json;
using System.Text.Unicode;

namespace LearningBot.Core.Kernel;

/// <summary>
/// The one check every channel makes at its edge for text that cannot be stored or re-encoded: invalid UTF-8 bytes, or a
/// lone UTF-16 surrogate (e.g. <c>"\ud800"</c> in a JSON string). Such input is refused with a 400 (or dropped) before
/// anything reads it, so it never reaches the database, a queued job or a re-serialisation. Also cuts text without
/// splitting a surrogate pair.
/// </summary>
public static class WellFormedText
{
    /// <summary>What is wrong with the text in a JSON body, or null when its strings are well formed (or it is not JSON: the caller's parser says so).</summary>
    public static string? ProblemInJson(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return "The body is not valid UTF-8.";
        }
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                    && !IsWellFormed(reader.GetString()))
                {
                    return "A JSON string holds an unpaired UTF-16 surrogate escape (e.g. \\ud800 without its pair).";
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return "A JSON string holds an escape that is not valid text.";
        }
        return null;
    }

    /// <summary>True when <paramref name="text"/> has no unpaired surrogate.</summary>
    public static bool IsWellFormed(string? text)
    {
        if (text is null)
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>At most <paramref name="max"/> characters ending in "…" when cut; a cut never splits a surrogate pair (an emoji).</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }
        var keep = Math.Max(0, max - 1);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        return text[..keep] + "…";
    }
}
