using System.Net;

namespace LearningBot.Teams.Connector;

/// <summary>
/// The Connector refused a call (after retries, where retrying makes sense). <see cref="ErrorCode"/> is the
/// ErrorResponse code, e.g. "MessageWritesBlocked" on 403 when the bot was uninstalled (teams-protocol.md §3.3, §3.4).
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(string message, HttpStatusCode statusCode, string? errorCode)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode StatusCode { get; }
    public string? ErrorCode { get; }

    /// <summary>The wait the Connector asked for (Retry-After), when it asked one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The bot refused to call a service URL it cannot trust with its token.</summary>
public sealed class UntrustedServiceUrlException : InvalidOperationException
{
    public UntrustedServiceUrlException(Uri serviceUrl)
        : base($"Refusing to call the Connector at '{serviceUrl?.Host}': the service URL did not arrive on an authenticated activity and is not in LearningBot:Teams:AllowedServiceUrlHosts.")
    {
    }

    public UntrustedServiceUrlException()
    {
    }

    public UntrustedServiceUrlException(string message)
        : base(message)
    {
    }

    public UntrustedServiceUrlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
