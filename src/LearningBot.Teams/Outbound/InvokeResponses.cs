using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Cards;
using LearningBot.Teams.Schema;
using Microsoft.AspNetCore.Http;

namespace LearningBot.Teams.Outbound;

/// <summary>
/// The bodies Teams waits for on an invoke's HTTP response and shows to the person who acted (teams-protocol.md §4.3,
/// §4.4). Always HTTP 200; an error is told inside the body, as the BF SDK does.
/// </summary>
internal static class InvokeResponses
{
    /// <summary>
    /// An <c>adaptiveCard/action</c> answered: the updated card for the person who clicked (the PUT updates it for
    /// everyone), or a short message; "Already done." when the invoke was a redelivery.
    /// </summary>
    public static IResult ForCardAction(Reply? reply) => CardAction(reply switch
    {
        null => Message("Already done."),
        { UpdatedCard: { } updated } => new AdaptiveCardInvokeResponse
        {
            StatusCode = StatusCodes.Status200OK,
            Type = AdaptiveCardInvokeResponse.CardType,
            Value = AdaptiveCardRenderer.Render(updated),
        },
        { Messages.Count: > 0 } => Message("Done — see my reply."),
        _ => Message("Done."),
    });

    /// <summary>An <c>adaptiveCard/action</c> whose value is malformed: an error invoke response with status 400 (§4.3, §4.4).</summary>
    public static IResult CardActionError(string error) => CardAction(new AdaptiveCardInvokeResponse
    {
        StatusCode = StatusCodes.Status400BadRequest,
        Type = AdaptiveCardInvokeResponse.ErrorType,
        Value = new JsonObject { ["code"] = "BadRequest", ["message"] = error },
    });

    /// <summary>
    /// A message action answered from the reply's first message: fetchTask opens a card as a dialog (task "continue"),
    /// submitAction shows text (task "message"); with nothing to say, or for a redelivery, the dialog closes.
    /// </summary>
    public static IResult ForMessageAction(Reply? reply) => Json((reply?.Messages is { Count: > 0 } messages ? messages[0] : null) switch
    {
        { Card: { } card } => new JsonObject
        {
            ["task"] = new JsonObject
            {
                ["type"] = "continue",
                ["value"] = new JsonObject
                {
                    ["title"] = card.Title,
                    ["card"] = new JsonObject { ["contentType"] = AdaptiveCardInvokeResponse.CardType, ["content"] = DialogCard(card) },
                },
            },
        },
        { Text: { } text } => new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = text } },
        _ => new JsonObject(),
    });

    /// <summary>Dialogs submit with Action.Submit (a submitAction invoke), not Universal Actions: use each button's fallback.</summary>
    private static JsonObject DialogCard(Card card)
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

    private static AdaptiveCardInvokeResponse Message(string text) =>
        new() { StatusCode = StatusCodes.Status200OK, Type = AdaptiveCardInvokeResponse.MessageType, Value = text };

    private static IResult CardAction(AdaptiveCardInvokeResponse response) =>
        Results.Json(response, TeamsJsonContext.Default.AdaptiveCardInvokeResponse, statusCode: StatusCodes.Status200OK);

    private static IResult Json(JsonObject response) =>
        Results.Json(response, TeamsJsonContext.Default.JsonObject, statusCode: StatusCodes.Status200OK);
}
