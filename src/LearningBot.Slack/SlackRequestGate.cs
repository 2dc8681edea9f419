using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack;

/// <summary>
/// What an HTTP request must pass before anything reads it: the endpoints are switched on (404), the body is within
/// the size limit (413) and signed by Slack over its raw bytes (401, slack-protocol.md §1). A refusal is answered here
/// and logged, with a problem body where there is something to say.
/// </summary>
public sealed class SlackRequestGate(IOptions<SlackOptions> options, SlackSignatureVerifier verifier, ILogger<SlackRequestGate> logger)
{
    /// <summary>The body of a request that is switched on, small enough and signed; null when refused.</summary>
    public async Task<byte[]?> AuthenticatedBodyAsync(HttpContext context)
    {
        if (!Available(context))
        {
            return null;
        }
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return body is not null && Verify(context, body) ? body : null;
    }

    /// <summary>The HTTP endpoints answer only with a signing secret and without Socket Mode; otherwise 404.</summary>
    public bool Available(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (settings.IsEnabled && !settings.SocketMode)
        {
            return true;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return false;
    }

    public async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await TooLargeAsync(context, max).ConfigureAwait(false);
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                await TooLargeAsync(context, max).ConfigureAwait(false);
                return null;
            }
            await buffer.WriteAsync(chunk.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
        }
        return buffer.ToArray();
    }

    public bool Verify(HttpContext context, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = verifier.Verify(context.Request.Headers["X-Slack-Request-Timestamp"], context.Request.Headers["X-Slack-Signature"], body);
        if (failure is null)
        {
            return true;
        }
        Log.Refused(logger, context.Request.Path, 401, failure);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return false;
    }

    /// <summary>Refuses the request with a problem body (RFC 9457) saying what was expected.</summary>
    public Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        Log.Refused(logger, context.Request.Path, status, title);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, (JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }

    private Task TooLargeAsync(HttpContext context, int max) =>
        RefuseAsync(context, 413, "Request too large", $"Slack requests are at most {max} bytes here.");
}
