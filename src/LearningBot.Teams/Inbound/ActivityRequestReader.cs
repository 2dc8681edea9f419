using LearningBot.Core.Kernel;
using System.Net;
using System.Text.Json;
using LearningBot.Teams.Auth;
using LearningBot.Teams.Connector;
using LearningBot.Teams.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Teams.Inbound;

/// <summary>
/// Reads and authenticates one inbound activity, in the order that keeps bad input cheap and harmless: content type
/// (415) → size (413) → token (401) → JSON (400) → type (400) → body-dependent auth (401). A refused request touches
/// nothing, and bad input never causes a 500.
/// </summary>
public sealed class ActivityRequestReader(
    IOptions<TeamsOptions> options,
    BotFrameworkTokenValidator validator,
    TrustedServiceUrls trustedServiceUrls,
    ILogger<ActivityRequestReader> logger)
{
    public async Task<ActivityRequest> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var settings = options.Value;

        if (!request.HasJsonContentType())
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the activity as JSON with Content-Type: application/json (got '{request.ContentType}').");
        }
        var body = request.ContentLength > settings.MaxRequestBodyBytes
            ? null
            : await ReadBodyAsync(request, settings.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "Activity too large",
                $"The body is larger than {settings.MaxRequestBodyBytes} bytes (LearningBot:Teams:MaxRequestBodyBytes); Teams activities are far smaller (teams-protocol.md §4.5).");
        }

        BotFrameworkCaller? caller = null;
        if (settings.IsDevelopmentMode)
        {
            // Local development (the Agents Playground sends no token, §6): loopback callers only. A header, if any,
            // is not checked: with no app id there is no audience to check it against (as the BF SDK, §2.2 step 1).
            if (!IsLoopback(context.Connection.RemoteIpAddress))
            {
                return ActivityRequest.Refused(InboundRefusals.Unauthorized(logger, "development mode accepts requests from loopback only"));
            }
        }
        else
        {
            var outcome = await validator.AuthenticateAsync(request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                return ActivityRequest.Refused(InboundRefusals.Unauthorized(logger, outcome.Failure!));
            }
            caller = outcome.Caller;
        }

        if (WellFormedText.ProblemInJson(body) is { } badText)
        {
            return Refused(StatusCodes.Status400BadRequest, "Invalid text in activity", badText);
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity);
        }
        catch (JsonException e)
        {
            return Refused(StatusCodes.Status400BadRequest, "Malformed activity", $"The body is not a valid Bot Framework activity: {e.Message}");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Refused(StatusCodes.Status400BadRequest, "Activity without a type",
                "The activity has no 'type'; every Bot Framework activity names one, e.g. \"message\" (teams-protocol.md §1.1).");
        }
        if (caller is not null)
        {
            if (BotFrameworkTokenValidator.Authorizes(caller, activity.ChannelId, activity.ServiceUrl) is { } failure)
            {
                return ActivityRequest.Refused(InboundRefusals.Unauthorized(logger, failure));
            }
            trustedServiceUrls.RememberAuthenticated(activity.ServiceUrl!);
        }
        return ActivityRequest.Accepted(activity, body);
    }

    private ActivityRequest Refused(int status, string title, string detail) =>
        ActivityRequest.Refused(InboundRefusals.Problem(logger, status, title, detail));

    /// <summary>Reads at most <paramref name="max"/> bytes; null when the body is longer (chunked bodies have no Content-Length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }
            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return buffer.ToArray();
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
