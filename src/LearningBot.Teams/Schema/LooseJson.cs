using System.Text.Json;

namespace LearningBot.Teams.Schema;

/// <summary>
/// Reads the untyped parts of a payload (entities, invoke values) tolerantly: a field that is missing or of another
/// shape reads as absent instead of throwing, as receivers must treat what they do not understand (teams-protocol.md §1.1).
/// </summary>
internal static class LooseJson
{
    /// <summary>The string field <paramref name="name"/> of an object, or null.</summary>
    public static string? String(JsonElement? element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The object field <paramref name="name"/> of an object, or null.</summary>
    public static JsonElement? Object(JsonElement? element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    private static JsonElement? Field(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } parent && parent.TryGetProperty(name, out var value) ? value : null;
}
