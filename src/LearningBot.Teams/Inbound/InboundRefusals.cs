using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LearningBot.Teams.Inbound;

/// <summary>The answers that refuse an activity: a problem+json saying what is wrong, or a bare 401. Each is logged without the body.</summary>
internal static class InboundRefusals
{
    public static IResult Problem(ILogger logger, int status, string title, string detail)
    {
        Log.BadRequest(logger, status, title);
        return Results.Problem(detail: detail, statusCode: status, title: title);
    }

    /// <summary>§2.4 step 7: 401 with no body; the reason is only logged.</summary>
    public static IResult Unauthorized(ILogger logger, string reason)
    {
        Log.Unauthorized(logger, reason);
        return BareUnauthorized.Instance;
    }

    /// <summary>
    /// A 401 the host's status-code pages leave empty: they would otherwise write a problem body into it, and a
    /// refused caller learns nothing but the status.
    /// </summary>
    private sealed class BareUnauthorized : IResult
    {
        public static BareUnauthorized Instance { get; } = new();

        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (httpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
            httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
    }
}
