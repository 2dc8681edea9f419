using LearningBot.Slack.Installations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack;

/// <summary>The HTTP endpoints Slack calls.</summary>
public static class SlackEndpoints
{
    /// <summary>
    /// Maps the Slack endpoints: <c>POST /slack/events</c>, <c>/slack/commands</c>, <c>/slack/interactions</c> (the names
    /// ARCHITECTURE.md fixes) and the OAuth install pair <c>GET /slack/install</c>, <c>/slack/oauth/callback</c>.
    /// Each answers 404 while its part is switched off (no SigningSecret, Socket Mode on, no ClientId).
    /// </summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.IsEnabled && !options.SocketMode)
        {
            Log.Disabled(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("LearningBot.Slack"));
        }
        endpoints.MapPost("/slack/events", (HttpContext context) => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().EventsAsync(context));
        endpoints.MapPost("/slack/commands", (HttpContext context) => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().CommandsAsync(context));
        endpoints.MapPost("/slack/interactions", (HttpContext context) => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().InteractionsAsync(context));
        endpoints.MapGet("/slack/install", (HttpContext context) => context.RequestServices.GetRequiredService<SlackOAuthEndpoint>().InstallAsync(context));
        endpoints.MapGet("/slack/oauth/callback", (HttpContext context) => context.RequestServices.GetRequiredService<SlackOAuthEndpoint>().CallbackAsync(context));
        return endpoints;
    }
}
