using LearningBot.Core.Conversations;
using LearningBot.Teams.Inbound;
using LearningBot.Teams.Outbound;
using LearningBot.Teams.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LearningBot.Teams;

/// <summary>
/// One inbound activity, one path: authenticate (<see cref="ActivityRequestReader"/>) → map to turns
/// (<see cref="TeamsTurnMapper"/>) → <see cref="TurnProcessor"/> → deliver the reply and answer
/// (<see cref="TeamsReplyDelivery"/>). Nothing is stored for a refused request, and bad input never causes a 500.
/// </summary>
public sealed class TeamsMessagesEndpoint(
    ActivityRequestReader reader,
    TurnProcessor processor,
    TeamsReplyDelivery delivery,
    TimeProvider clock,
    ILogger<TeamsMessagesEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = await AnswerAsync(context).ConfigureAwait(false);
        await answer.ExecuteAsync(context).ConfigureAwait(false);
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var request = await reader.ReadAsync(context).ConfigureAwait(false);
        if (request.IsRefused)
        {
            return request.Refusal;
        }
        var activity = request.Activity;
        var inbound = TeamsTurnMapper.Map(activity, request.Body.Span, clock.GetUtcNow());
        if (Unanswerable(activity, inbound) is { } refusal)
        {
            return refusal;
        }

        var address = TeamsTurnMapper.Address(activity);
        var answer = Results.Ok();
        foreach (var turn in inbound.Turns)
        {
            var reply = await processor.ProcessAsync(turn, address, context.RequestAborted).ConfigureAwait(false);
            if (reply is null)
            {
                Log.Duplicate(logger, turn.EventId, activity.Type);
            }
            else
            {
                Log.Handled(logger, turn.EventId, activity.Type, turn.Kind.ToString(), reply.Messages.Count);
            }
            // Only an invoke, which is one turn, has an answer with a body.
            answer = await delivery.ReplyAsync(activity, inbound.Answer, reply, context.RequestAborted).ConfigureAwait(false);
        }
        return answer;
    }

    /// <summary>The answer to an activity that yields no turn to process, or that lacks what answering it needs; null when it can be processed.</summary>
    private IResult? Unanswerable(Activity activity, InboundTurns inbound)
    {
        if (inbound.Answer == ExpectedAnswer.NotImplemented)
        {
            // §4.4: an invoke nobody handles is answered 501.
            Log.UnsupportedInvoke(logger, activity.Name, activity.Id);
            return Results.StatusCode(StatusCodes.Status501NotImplemented);
        }
        if (inbound.Malformed is { } error)
        {
            Log.MalformedCardAction(logger, activity.Id, error);
            return inbound.Answer == ExpectedAnswer.CardActionResponse
                ? InvokeResponses.CardActionError(error)
                : InboundRefusals.Problem(logger, StatusCodes.Status400BadRequest, "Malformed message action", error);
        }
        if (inbound.Turns.Count == 0)
        {
            // Unknown or uninteresting activity types are acknowledged (§1.2).
            Log.Ignored(logger, activity.Id, activity.Type);
            return Results.Ok();
        }
        return MissingForAnswer(activity) is { } missing
            ? InboundRefusals.Problem(logger, StatusCodes.Status400BadRequest, "Activity the bot cannot answer", missing)
            : null;
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
}
