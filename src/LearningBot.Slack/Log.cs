using Microsoft.Extensions.Logging;

namespace LearningBot.Slack;

/// <summary>
/// Every log line of the Slack channel. Event ids are grouped: 1xxx start-up and Socket Mode, 2xxx inbound checks,
/// 3xxx events and turns, 4xxx Web API, 5xxx OAuth. Lines carry event, team and channel ids, never tokens or message text.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Slack channel is off: LearningBot:Slack:SigningSecret is empty and SocketMode is false, so /slack/* answers 404")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(1002, LogLevel.Information, "Slack Socket Mode connected (connection {Attempt})")]
    public static partial void SocketConnected(ILogger logger, int attempt);

    [LoggerMessage(1003, LogLevel.Information, "Slack asked the Socket Mode connection to close ({Reason}); reconnecting")]
    public static partial void SocketDisconnectRequested(ILogger logger, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "Slack Socket Mode connection lost; reconnecting in {DelaySeconds} s")]
    public static partial void SocketLost(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Slack Socket Mode envelope {EnvelopeId} of type {EnvelopeType} could not be handled")]
    public static partial void SocketEnvelopeFailed(ILogger logger, string? envelopeId, string? envelopeType, Exception exception);

    [LoggerMessage(2001, LogLevel.Information, "Refused a Slack request on {Path} with {StatusCode}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(3001, LogLevel.Debug, "Ignored Slack event {EventId} ({EventType}): {Reason}")]
    public static partial void Ignored(ILogger logger, string? eventId, string? eventType, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Slack event {EventId} was already handled; acknowledged without acting")]
    public static partial void Duplicate(ILogger logger, string eventId);

    [LoggerMessage(3003, LogLevel.Information, "Handled Slack {Source} {EventId} as {TurnKind}: {MessageCount} messages to send")]
    public static partial void Handled(ILogger logger, string source, string eventId, string turnKind, int messageCount);

    [LoggerMessage(3004, LogLevel.Error, "Slack work item failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(3005, LogLevel.Warning, "No Slack installation or BotToken for team {TeamId} (enterprise {EnterpriseId}); event {EventId} dropped")]
    public static partial void NoInstallation(ILogger logger, string? teamId, string? enterpriseId, string? eventId);

    [LoggerMessage(3006, LogLevel.Information, "Slack installation of team {TeamId} (enterprise {EnterpriseId}) removed after {EventType}: {Rows} rows")]
    public static partial void InstallationRemoved(ILogger logger, string? teamId, string? enterpriseId, string eventType, int rows);

    [LoggerMessage(3007, LogLevel.Warning, "Slack is rate limiting event delivery for team {TeamId} (app_rate_limited)")]
    public static partial void AppRateLimited(ILogger logger, string? teamId);

    [LoggerMessage(3008, LogLevel.Warning, "Slack work queue is full ({Capacity} waiting); a {Kind} was not taken: Slack retries an event, a person is told or shown an error")]
    public static partial void QueueFull(ILogger logger, int capacity, string kind);

    [LoggerMessage(4001, LogLevel.Debug, "Slack {Method} answered {StatusCode}")]
    public static partial void ApiCall(ILogger logger, string method, int statusCode);

    [LoggerMessage(4002, LogLevel.Warning, "Slack {Method} failed: {Error} {Details}")]
    public static partial void ApiFailed(ILogger logger, string method, string error, string details);

    [LoggerMessage(4003, LogLevel.Information, "Slack {Method} is rate limited; retrying after {Seconds} s")]
    public static partial void RateLimited(ILogger logger, string method, double seconds);

    [LoggerMessage(4004, LogLevel.Warning, "Slack {Method} failed ({Error}: {Cause}); retry {Retry} in {Seconds:0.##} s")]
    public static partial void Retrying(ILogger logger, string method, string error, int retry, double seconds, string cause);

    [LoggerMessage(4005, LogLevel.Information, "Slack {Method}: the post whose answer was lost had arrived; not posting it again")]
    public static partial void PostFoundAfterFailure(ILogger logger, string method);

    [LoggerMessage(4006, LogLevel.Warning, "Slack {Method}: cannot check whether a post whose answer was lost arrived (the install lacks the conversation's *:history scope, or the bot cannot read it); posting again, which may show it twice. Reinstall the app to grant the history scopes")]
    public static partial void PostUncheckable(ILogger logger, string method);

    [LoggerMessage(5001, LogLevel.Information, "Slack app installed for team {TeamId} (enterprise {EnterpriseId})")]
    public static partial void Installed(ILogger logger, string? teamId, string? enterpriseId);

    [LoggerMessage(5002, LogLevel.Information, "Slack OAuth callback refused: {Reason}")]
    public static partial void OAuthRefused(ILogger logger, string reason);

    [LoggerMessage(5003, LogLevel.Warning, "Slack views.open failed ({Error}); the form goes as a message instead")]
    public static partial void ModalFailed(ILogger logger, string error);
}
