using System.Text.Json;

namespace LearningBot.Teams.Schema;

/// <summary>Reads the two entity types LearningBot uses; unknown entity types are ignored (teams-protocol.md §1.1).</summary>
public static class ActivityEntities
{
    /// <summary>Mention entities: <c>{type:"mention", mentioned:{id,name}, text:"&lt;at&gt;Name&lt;/at&gt;"}</c> (§4.1).</summary>
    public static IEnumerable<Mention> Mentions(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var entity in activity.Entities ?? [])
        {
            if (IsType(entity, "mention")
                && entity.TryGetProperty("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object)
            {
                yield return new Mention(
                    String(mentioned, "id"),
                    String(mentioned, "name"),
                    String(entity, "text"));
            }
        }
    }

    /// <summary>The clientInfo entity: <c>{type:"clientInfo", locale, country, platform, timezone}</c> (§1.1).</summary>
    public static ClientInfo? ClientInfo(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var entity in activity.Entities ?? [])
        {
            if (IsType(entity, "clientInfo"))
            {
                return new ClientInfo(String(entity, "locale"), String(entity, "timezone"), String(entity, "platform"));
            }
        }
        return null;
    }

    private static bool IsType(JsonElement entity, string type) =>
        entity.ValueKind == JsonValueKind.Object
        && entity.TryGetProperty("type", out var t)
        && t.ValueKind == JsonValueKind.String
        && string.Equals(t.GetString(), type, StringComparison.OrdinalIgnoreCase);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

public sealed record Mention(string? MentionedId, string? MentionedName, string? Text);

public sealed record ClientInfo(string? Locale, string? TimeZone, string? Platform);
