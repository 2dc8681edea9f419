using System.Text;
using System.Text.Json.Nodes;

namespace LearningBot.Testing.Fuzzing;

/// <summary>
/// Bounded, seeded mutations of a well-formed request body, as an attacker or a broken client would send it: a value
/// swapped for the wrong type, a lone surrogate, a huge string or deep nesting; a field removed; the wrong top-level
/// shape; the text cut short; invalid UTF-8 bytes spliced in. The same seed gives the same bodies, so a failure
/// names a body that can be replayed.
/// </summary>
public sealed class JsonFuzzer(int seed)
{
    private const string Slot = "\u0001fuzz\u0001";

    /// <summary>Raw JSON values that break assumptions: wrong types, lone surrogates, extremes, nesting past any sane depth.</summary>
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1e308", "-0.0", "123456789012345678901234567890",
        "\"\"", "\"   \"", "\"\\ud800\"", "\"x\\udc00y\"", "\"\\u0000\"", "\"😀\"", "\"<at>bot</at>\"", "\"&amp;&lt;\"",
        "\"2026-13-45T99:99:99Z\"", "\"not a url\"", "\"https://evil.example/\"", "[]", "{}", "[1,\"a\",null]",
        "{\"type\":\"message\"}", new string('[', 300) + new string(']', 300), Nested(200),
        "\"" + new string('a', 100_000) + "\"", "\"" + string.Concat(Enumerable.Repeat("é😀", 20_000)) + "\"",
    ];

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF0, 0x28, 0x8C, 0xBC], [0x80]];

    private readonly Random _random = new(seed);

    /// <summary><paramref name="count"/> mutations of <paramref name="body"/>, as the bytes to post.</summary>
    public IEnumerable<byte[]> Mutations(JsonNode body, int count)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (var i = 0; i < count; i++)
        {
            yield return Mutate(body);
        }
    }

    /// <summary>One mutation of <paramref name="body"/>; one in eight keeps the JSON as it was and only risks the bytes.</summary>
    public byte[] Mutate(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = _random.Next(8) switch
        {
            0 or 1 or 2 or 3 => ReplaceValue(body),
            4 => RemoveField(body),
            5 => WrongShape(body),
            6 => Truncate(body.ToJsonString()),
            _ => body.ToJsonString(),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        return _random.Next(6) == 0 ? Splice(bytes) : bytes;
    }

    /// <summary>A raw value for a field, for bodies that are not JSON (form fields): one of the same hostile values, unquoted.</summary>
    public string FieldValue()
    {
        var value = Values[_random.Next(Values.Length)];
        return value.StartsWith('"') ? value[1..^1] : value;
    }

    /// <summary>Invalid UTF-8 spliced into <paramref name="bytes"/> at a random place.</summary>
    public byte[] Splice(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var at = _random.Next(bytes.Length + 1);
        var invalid = InvalidUtf8[_random.Next(InvalidUtf8.Length)];
        return [.. bytes.AsSpan(0, at), .. invalid, .. bytes.AsSpan(at)];
    }

    private string ReplaceValue(JsonNode body)
    {
        var copy = body.DeepClone();
        var slots = Slots(copy).ToList();
        if (slots.Count == 0)
        {
            return copy.ToJsonString();
        }
        var (parent, key, index) = slots[_random.Next(slots.Count)];
        if (parent is JsonObject obj)
        {
            obj[key!] = Slot;
        }
        else
        {
            ((JsonArray)parent)[index] = Slot;
        }
        return copy.ToJsonString().Replace($"\"{Escaped(Slot)}\"", Values[_random.Next(Values.Length)], StringComparison.Ordinal);
    }

    private string RemoveField(JsonNode body)
    {
        var copy = body.DeepClone();
        var fields = Slots(copy).Where(s => s.Parent is JsonObject).ToList();
        if (fields.Count > 0)
        {
            var (parent, key, _) = fields[_random.Next(fields.Count)];
            ((JsonObject)parent).Remove(key!);
        }
        return copy.ToJsonString();
    }

    private string WrongShape(JsonNode body) => _random.Next(4) switch
    {
        0 => $"[{body.ToJsonString()}]",
        1 => "\"message\"",
        2 => "null",
        _ => body.ToJsonString() + body.ToJsonString(),
    };

    private string Truncate(string text) => text[..Math.Max(0, _random.Next(text.Length))];

    /// <summary>Every place a value sits: (object, key, -) or (array, -, index), depth first.</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    yield return (obj, key, -1);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i);
                    if (array[i] is { } child)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
        }
    }

    private static string Escaped(string slot) => JsonValue.Create(slot).ToJsonString()[1..^1];

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
}
