using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LearningBot.Teams.Schema;

/// <summary>Answer of the Connector to a send/reply/update (teams-protocol.md §3.2).</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

/// <summary>Body of <c>POST v3/conversations</c> (teams-protocol.md §3.2, §3.3).</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public IList<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public Activity? Activity { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
    public string? TenantId { get; set; }
}

/// <summary>The Connector's answer to creating a conversation: its id, and the first activity's id.</summary>
public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

/// <summary><c>{error:{code, message, innerHttpError}}</c> (teams-protocol.md §3.2).</summary>
public sealed class ErrorResponse
{
    public ErrorBody? Error { get; set; }
}

/// <summary>The <c>error</c> object of a Connector error response.</summary>
public sealed class ErrorBody
{
    public string? Code { get; set; }
    public string? Message { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The body of the HTTP answer to an <c>adaptiveCard/action</c> invoke (teams-protocol.md §4.3).</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; set; }
    public string? Type { get; set; }
    public JsonNode? Value { get; set; }
}

/// <summary>A conversation member as <c>GET v3/conversations/{id}/members/{memberId}</c> returns it (the fields the bot uses).</summary>
public sealed class TeamsChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    /// <summary>The Entra object id under the name the Teams member APIs also use.</summary>
    public string? ObjectId { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? TenantId { get; set; }
}
