namespace LearningBot.Slack.Api;

/// <summary>
/// A Web API call answered <c>ok:false</c> (slack-protocol.md §5: the error code, e.g. <c>channel_not_found</c>,
/// <c>invalid_blocks</c>), a rate limit that could not be waited out (<c>ratelimited</c>), or an HTTP failure.
/// </summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error, IReadOnlyList<string>? details = null, TimeSpan? retryAfter = null)
        : base($"Slack {method} failed: {error}{(details is { Count: > 0 } ? " (" + string.Join("; ", details) + ")" : "")}")
    {
        Method = method;
        Error = error;
        Details = details ?? [];
        RetryAfter = retryAfter;
    }

    public SlackApiException()
    {
    }

    public SlackApiException(string message)
        : base(message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Method { get; } = "";

    /// <summary>Slack's error code, or "ratelimited", or "http_&lt;status&gt;".</summary>
    public string Error { get; } = "";

    /// <summary>response_metadata.messages, e.g. "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]".</summary>
    public IReadOnlyList<string> Details { get; } = [];

    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// A connection failure, a timeout or a 5xx (or Slack's own internal_error) that the client stopped retrying: worth
    /// trying again later. For a post, the message may or may not have reached the conversation.
    /// </summary>
    public bool IsTransient { get; init; }

    /// <summary>Errors that retrying will not cure: the bot is gone from the workspace or the channel, or the request is wrong.</summary>
    public bool IsPermanent => Error is "channel_not_found" or "not_in_channel" or "is_archived" or "account_inactive"
        or "invalid_auth" or "token_revoked" or "not_authed" or "missing_scope" or "invalid_blocks" or "invalid_blocks_format"
        or "msg_too_long" or "msg_blocks_too_long" or "no_text" or "user_not_found" or "cannot_dm_bot" or "team_access_not_granted";
}
