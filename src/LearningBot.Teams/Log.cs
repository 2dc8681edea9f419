using Microsoft.Extensions.Logging;

namespace LearningBot.Teams;

/// <summary>
/// Every log line of the Teams channel. Event ids are grouped: 1xxx start-up, 2xxx inbound auth, 3xxx activities,
/// 4xxx outbound connector. Lines carry activity ids, never tokens or message text.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Teams channel runs in local development mode: LearningBot:Teams:AppId is empty, so /api/messages accepts unauthenticated requests from loopback only and sends replies without a token. Set AppId, AppPassword and TenantId for Teams.")]
    public static partial void DevelopmentMode(ILogger logger);

    [LoggerMessage(2001, LogLevel.Information, "Rejected an activity: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string reason);

    [LoggerMessage(2002, LogLevel.Information, "Signing key {KeyId} not found; refreshing the Bot Framework signing keys once")]
    public static partial void RefreshingSigningKeys(ILogger logger, string? keyId);

    [LoggerMessage(2003, LogLevel.Debug, "Fetched Bot Framework signing metadata from {MetadataUrl}: {KeyCount} keys")]
    public static partial void FetchedSigningKeys(ILogger logger, string metadataUrl, int keyCount);

    [LoggerMessage(2004, LogLevel.Warning, "Could not fetch Bot Framework signing metadata from {MetadataUrl}")]
    public static partial void SigningKeysUnavailable(ILogger logger, string metadataUrl, Exception exception);

    [LoggerMessage(3001, LogLevel.Information, "Refused a request on /api/messages with {StatusCode}: {Reason}")]
    public static partial void BadRequest(ILogger logger, int statusCode, string reason);

    [LoggerMessage(3002, LogLevel.Debug, "Ignored activity {ActivityId} of type {ActivityType}")]
    public static partial void Ignored(ILogger logger, string? activityId, string? activityType);

    [LoggerMessage(3003, LogLevel.Information, "Activity {ActivityId} ({ActivityType}) was already handled; acknowledged without acting")]
    public static partial void Duplicate(ILogger logger, string? activityId, string? activityType);

    [LoggerMessage(3004, LogLevel.Information, "Handled activity {ActivityId} ({ActivityType}) as {TurnKind}: {MessageCount} messages to send")]
    public static partial void Handled(ILogger logger, string? activityId, string? activityType, string turnKind, int messageCount);

    [LoggerMessage(3005, LogLevel.Information, "Invoke {InvokeName} of activity {ActivityId} is not supported; answered 501")]
    public static partial void UnsupportedInvoke(ILogger logger, string? invokeName, string? activityId);

    [LoggerMessage(3006, LogLevel.Information, "Malformed adaptiveCard/action invoke {ActivityId}: {Reason}")]
    public static partial void MalformedCardAction(ILogger logger, string? activityId, string reason);

    [LoggerMessage(3007, LogLevel.Error, "Replies to activity {ActivityId} could not be delivered")]
    public static partial void ReplyFailed(ILogger logger, string? activityId, Exception exception);

    [LoggerMessage(4001, LogLevel.Debug, "{Method} {Operation} on {Host} answered {StatusCode}")]
    public static partial void ConnectorCall(ILogger logger, string method, string operation, string host, int statusCode);

    [LoggerMessage(4002, LogLevel.Warning, "Refused to call the Connector at untrusted service URL host {Host}")]
    public static partial void UntrustedServiceUrl(ILogger logger, string host);

    [LoggerMessage(4003, LogLevel.Warning, "Connector {Operation} failed with {StatusCode} ({ErrorCode})")]
    public static partial void ConnectorFailed(ILogger logger, string operation, int statusCode, string? errorCode);

    [LoggerMessage(4004, LogLevel.Information, "Teams member lookup gave nothing ({Reason})")]
    public static partial void MemberLookupFailed(ILogger logger, string reason);
}
