using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Auth;
using LearningBot.Teams.Cards;
using LearningBot.Teams.Connector;
using LearningBot.Teams.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Teams;

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

/// <summary>
/// One inbound activity, in the order that keeps bad input cheap and harmless: content type (415) → size (413) →
/// token (401) → JSON (400) → type (400) → body-dependent auth (401) → turn processing → replies. Nothing is stored
/// for a refused request, and bad input never causes a 500.
/// </summary>
public sealed class TeamsMessagesEndpoint(
    IOptions<TeamsOptions> options,
    BotFrameworkTokenValidator validator,
    TrustedServiceUrls trustedServiceUrls,
    ConnectorClient connector,
    TurnProcessor processor,
    TimeProvider clock,
    ILogger<TeamsMessagesEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var settings = options.Value;

        if (!request.HasJsonContentType())
        {
            await ProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the activity as JSON with Content-Type: application/json (got '{request.ContentType}').").ConfigureAwait(false);
            return;
        }
        if (request.ContentLength > settings.MaxRequestBodyBytes)
        {
            await TooLargeAsync(context, settings.MaxRequestBodyBytes).ConfigureAwait(false);
            return;
        }
        var body = await ReadBodyAsync(request, settings.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await TooLargeAsync(context, settings.MaxRequestBodyBytes).ConfigureAwait(false);
            return;
        }

        BotFrameworkCaller? caller = null;
        if (settings.IsDevelopmentMode)
        {
            // Local development (the Agents Playground sends no token, §6): loopback callers only. A header, if any,
            // is not checked: with no app id there is no audience to check it against (as the BF SDK, §2.2 step 1).
            if (!IsLoopback(context.Connection.RemoteIpAddress))
            {
                Unauthorized(context, "development mode accepts requests from loopback only");
                return;
            }
        }
        else
        {
            var outcome = await validator.AuthenticateAsync(request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                Unauthorized(context, outcome.Failure!);
                return;
            }
            caller = outcome.Caller;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity);
        }
        catch (JsonException e)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Malformed activity",
                $"The body is not a valid Bot Framework activity: {e.Message}").ConfigureAwait(false);
            return;
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Activity without a type",
                "The activity has no 'type'; every Bot Framework activity names one, e.g. \"message\" (teams-protocol.md §1.1).").ConfigureAwait(false);
            return;
        }
        if (caller is not null)
        {
            if (BotFrameworkTokenValidator.Authorizes(caller, activity.ChannelId, activity.ServiceUrl) is { } failure)
            {
                Unauthorized(context, failure);
                return;
            }
            trustedServiceUrls.RememberAuthenticated(activity.ServiceUrl!);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            await HandleInvokeAsync(context, activity, body, cancellationToken).ConfigureAwait(false);
            return;
        }

        var turns = TeamsActivityAdapter.ToTurns(activity, body, clock.GetUtcNow());
        if (turns.Count == 0)
        {
            // Unknown or uninteresting activity types are acknowledged (§1.2).
            Log.Ignored(logger, activity.Id, activity.Type);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        if (MissingForAnswer(activity) is { } missing)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Activity the bot cannot answer", missing).ConfigureAwait(false);
            return;
        }

        var address = TeamsActivityAdapter.Address(activity);
        foreach (var turn in turns)
        {
            var reply = await processor.ProcessAsync(turn, address, cancellationToken).ConfigureAwait(false);
            if (reply is null)
            {
                Log.Duplicate(logger, turn.EventId, activity.Type);
                continue;
            }
            Log.Handled(logger, turn.EventId, activity.Type, turn.Kind.ToString(), reply.Messages.Count);
            if (reply.UpdatedCard is { } updated)
            {
                // A classic Action.Submit has no invoke response; the card is replaced with a PUT (§4.3).
                await UpdateCardAsync(activity, updated, cancellationToken).ConfigureAwait(false);
            }
            await SendMessagesAsync(activity, reply, cancellationToken).ConfigureAwait(false);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task HandleInvokeAsync(HttpContext context, Activity activity, byte[] body, CancellationToken cancellationToken)
    {
        if (activity.Name is TeamsActivityAdapter.MessageActionFetchInvoke or TeamsActivityAdapter.MessageActionSubmitInvoke)
        {
            await HandleMessageActionAsync(context, activity, body, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (activity.Name != TeamsActivityAdapter.AdaptiveCardActionInvoke)
        {
            // §4.4: an invoke nobody handles is answered 501.
            Log.UnsupportedInvoke(logger, activity.Name, activity.Id);
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            return;
        }
        var (turn, error) = TeamsActivityAdapter.ToCardActionTurn(activity, body, clock.GetUtcNow());
        if (turn is null)
        {
            // As the BF SDK does (§4.3/§4.4): HTTP 200 carrying an error invoke response with status 400.
            Log.MalformedCardAction(logger, activity.Id, error!);
            await InvokeResponseAsync(context, new AdaptiveCardInvokeResponse
            {
                StatusCode = StatusCodes.Status400BadRequest,
                Type = AdaptiveCardInvokeResponse.ErrorType,
                Value = new JsonObject { ["code"] = "BadRequest", ["message"] = error },
            }).ConfigureAwait(false);
            return;
        }
        if (MissingForAnswer(activity) is { } missing)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Activity the bot cannot answer", missing).ConfigureAwait(false);
            return;
        }

        var reply = await processor.ProcessAsync(turn, TeamsActivityAdapter.Address(activity), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, turn.EventId, activity.Type);
            await InvokeResponseAsync(context, MessageResponse("Already done.")).ConfigureAwait(false);
            return;
        }
        Log.Handled(logger, turn.EventId, activity.Type, turn.Kind.ToString(), reply.Messages.Count);

        AdaptiveCardInvokeResponse response;
        if (reply.UpdatedCard is { } updated)
        {
            var card = AdaptiveCardRenderer.Render(updated);
            response = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.CardType, Value = card };
            // The invoke response replaces the card for the person who clicked; the PUT updates it for everyone (§4.3).
            await UpdateCardAsync(activity, updated, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            response = MessageResponse(reply.Messages.Count > 0 ? "Done — see my reply." : "Done.");
        }
        await SendMessagesAsync(activity, reply, cancellationToken).ConfigureAwait(false);
        await InvokeResponseAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>
    /// A message action (manifest composeExtensions, context "message"): fetchTask answers with the feature's card as a
    /// dialog (task "continue"), submitAction with the feature's text as a task "message" (or closes the dialog when there
    /// is nothing to say). Messages beyond the first are sent to the conversation like any reply.
    /// </summary>
    private async Task HandleMessageActionAsync(HttpContext context, Activity activity, byte[] body, CancellationToken cancellationToken)
    {
        var (turn, error) = TeamsActivityAdapter.ToMessageActionTurn(activity, body, clock.GetUtcNow());
        if (turn is null)
        {
            Log.MalformedCardAction(logger, activity.Id, error!);
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Malformed message action", error!).ConfigureAwait(false);
            return;
        }
        if (MissingForAnswer(activity) is { } missing)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Activity the bot cannot answer", missing).ConfigureAwait(false);
            return;
        }
        var reply = await processor.ProcessAsync(turn, TeamsActivityAdapter.Address(activity), cancellationToken).ConfigureAwait(false);
        JsonObject response;
        if (reply is null)
        {
            Log.Duplicate(logger, turn.EventId, activity.Type);
            response = new JsonObject();
        }
        else
        {
            Log.Handled(logger, turn.EventId, activity.Type, turn.Kind.ToString(), reply.Messages.Count);
            var first = reply.Messages.FirstOrDefault();
            response = first switch
            {
                { Card: { } card } => new JsonObject
                {
                    ["task"] = new JsonObject
                    {
                        ["type"] = "continue",
                        ["value"] = new JsonObject
                        {
                            ["title"] = card.Title,
                            ["card"] = new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = DialogCard(card) },
                        },
                    },
                },
                { Text: { } text } => new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = text } },
                _ => new JsonObject(),
            };
            await SendMessagesAsync(activity, reply with { Messages = [.. reply.Messages.Skip(1)] }, cancellationToken).ConfigureAwait(false);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(response.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dialogs submit with Action.Submit (a submitAction invoke), not Universal Actions: use each button's fallback.</summary>
    private static JsonObject DialogCard(LearningBot.Core.Cards.Card card)
    {
        var rendered = AdaptiveCardRenderer.Render(card);
        if (rendered["actions"] is JsonArray actions)
        {
            for (var i = 0; i < actions.Count; i++)
            {
                if (actions[i] is JsonObject action && action["fallback"] is JsonObject fallback)
                {
                    actions[i] = fallback.DeepClone();
                }
            }
        }
        return rendered;
    }

    /// <summary>Replaces the card the person acted on (the message <c>replyToId</c> names) for everyone in the conversation.</summary>
    private async Task UpdateCardAsync(Activity inbound, LearningBot.Core.Cards.Card card, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(inbound.ReplyToId))
        {
            return;
        }
        await DeliverAsync(inbound, () => connector.UpdateActivityAsync(
            inbound.ServiceUrl!, inbound.Conversation!.Id!, inbound.ReplyToId, Outbound(inbound, AdaptiveCardRenderer.ToActivity(card)), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Each message is its own activity (cards never share one with text, §4.3), posted to the conversation as received — in a channel that is the thread.</summary>
    private async Task SendMessagesAsync(Activity inbound, Reply reply, CancellationToken cancellationToken)
    {
        foreach (var message in reply.Messages)
        {
            var outbound = message.Card is { } card ? AdaptiveCardRenderer.ToActivity(card) : AdaptiveCardRenderer.TextActivity(message.Text ?? "");
            var sent = await DeliverAsync(inbound, () => connector.SendToConversationAsync(
                inbound.ServiceUrl!, inbound.Conversation!.Id!, Outbound(inbound, outbound), cancellationToken)).ConfigureAwait(false);
            if (!sent)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A failed delivery is logged and the activity still acknowledged: it is recorded as handled, so a redelivery
    /// would be dropped as a duplicate anyway. (Reliable delivery is the outbox's job.)
    /// </summary>
    private async Task<bool> DeliverAsync(Activity inbound, Func<Task<ResourceResponse>> send)
    {
        try
        {
            await send().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ConnectorException or UntrustedServiceUrlException or HttpRequestException or ArgumentException or Microsoft.Identity.Client.MsalException)
        {
            Log.ReplyFailed(logger, inbound.Id, e);
            return false;
        }
    }

    private static Activity Outbound(Activity inbound, Activity outbound)
    {
        outbound.From = inbound.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name } : null;
        outbound.Recipient = inbound.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name } : null;
        outbound.Conversation = new ConversationAccount { Id = inbound.Conversation?.Id };
        return outbound;
    }

    /// <summary>What an activity that asks for an answer lacks: where to answer (serviceUrl, conversation) and who asked.</summary>
    private static string? MissingForAnswer(Activity activity)
    {
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity needs an absolute http(s) 'serviceUrl' so the bot can answer.";
        }
        if (string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return "The activity needs 'conversation.id' so the bot can answer.";
        }
        if (string.IsNullOrEmpty(activity.From?.Id))
        {
            return "The activity needs 'from.id': the person it comes from.";
        }
        return null;
    }

    private static AdaptiveCardInvokeResponse MessageResponse(string text) =>
        new() { StatusCode = 200, Type = AdaptiveCardInvokeResponse.MessageType, Value = text };

    private static async Task InvokeResponseAsync(HttpContext context, AdaptiveCardInvokeResponse response)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, response, TeamsJsonContext.Default.AdaptiveCardInvokeResponse, context.RequestAborted).ConfigureAwait(false);
    }

    private void Unauthorized(HttpContext context, string reason)
    {
        // §2.4 step 7: 401 with no body; the reason is only logged.
        Log.Unauthorized(logger, reason);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

    private Task TooLargeAsync(HttpContext context, int max) =>
        ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Activity too large",
            $"The body is larger than {max} bytes (LearningBot:Teams:MaxRequestBodyBytes); Teams activities are far smaller (teams-protocol.md §4.5).");

    private Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        Log.BadRequest(logger, status, title);
        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }

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
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
