using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LearningBot.Teams.Schema;

/// <summary>
/// A Bot Framework activity as it travels on the wire. Loose on purpose: only the fields LearningBot reads or
/// writes are typed; everything else survives in <see cref="Extra"/> (receivers must ignore unknown fields —
/// teams-protocol.md §1.1).
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Summary { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    /// <summary>Kept raw: only mention and clientInfo entities are read (<see cref="ActivityEntities"/>).</summary>
    public IList<JsonElement>? Entities { get; set; }
    public JsonElement? Value { get; set; }
    public string? Name { get; set; }
    public string? Action { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public IList<MessageReaction>? ReactionsAdded { get; set; }
    public IList<MessageReaction>? ReactionsRemoved { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
    public string? Locale { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Activity types LearningBot handles (teams-protocol.md §1.2); compared ordinally.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string Invoke = "invoke";
}

/// <summary>A user or bot in an activity (<c>from</c>, <c>recipient</c>, <c>membersAdded</c>).</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The conversation of an activity: its id, type and tenant.</summary>
public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    /// <summary>personal, groupChat or channel.</summary>
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An activity attachment, such as an Adaptive Card or a file.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }
    public JsonNode? Content { get; set; }
    public string? ContentUrl { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A reaction in <c>reactionsAdded</c>/<c>reactionsRemoved</c> (like, heart, …).</summary>
public sealed class MessageReaction
{
    public string? Type { get; set; }
}

/// <summary>The Teams part of <c>channelData</c> (teams-protocol.md §1.1 "Teams channelData").</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public TeamsChannelInfo? Channel { get; set; }
    public string? EventType { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The Microsoft Entra tenant in <c>channelData</c>.</summary>
public sealed class TenantInfo
{
    public string? Id { get; set; }
}

/// <summary>The team in <c>channelData</c> when the activity comes from a team channel.</summary>
public sealed class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
}

/// <summary>The team channel in <c>channelData</c>.</summary>
public sealed class TeamsChannelInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}
