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
            if (IsType(entity, "mention") && LooseJson.Object(entity, "mentioned") is { } mentioned)
            {
                yield return new Mention(
                    LooseJson.String(mentioned, "id"),
                    LooseJson.String(mentioned, "name"),
                    LooseJson.String(entity, "text"));
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
                return new ClientInfo(LooseJson.String(entity, "locale"), LooseJson.String(entity, "timezone"), LooseJson.String(entity, "platform"));
            }
        }
        return null;
    }

    private static bool IsType(JsonElement entity, string type) =>
        string.Equals(LooseJson.String(entity, "type"), type, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An @mention entity: who was mentioned and the text that mentions them.</summary>
public sealed record Mention(string? MentionedId, string? MentionedName, string? Text);

/// <summary>The clientInfo entity: the sender's locale, time zone and platform.</summary>
public sealed record ClientInfo(string? Locale, string? TimeZone, string? Platform);
