using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Teams;

/// <summary>The Teams channel's HTTP surface.</summary>
public static class TeamsEndpoints
{
    /// <summary>Maps <c>POST /api/messages</c>, the Bot Framework messaging endpoint (teams-protocol.md §0).</summary>
    public static IEndpointConventionBuilder MapTeamsMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetRequiredService<IOptions<TeamsOptions>>().Value.IsDevelopmentMode)
        {
            Log.DevelopmentMode(services.GetRequiredService<ILoggerFactory>().CreateLogger("LearningBot.Teams"));
        }
        return endpoints.MapPost(pattern, (HttpContext context) =>
            context.RequestServices.GetRequiredService<TeamsMessagesEndpoint>().HandleAsync(context));
    }
}
