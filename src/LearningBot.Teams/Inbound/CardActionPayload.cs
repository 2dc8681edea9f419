using System.Text.Json;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Cards;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Inbound;

/// <summary>
/// The card action a payload carries: the value of an <c>adaptiveCard/action</c> invoke (Universal Actions), or the
/// value of a message a classic Action.Submit sends (teams-protocol.md §4.3, §4.4).
/// </summary>
internal static class CardActionPayload
{
    /// <summary>An Action.Execute from an invoke's value, or why the value is malformed.</summary>
    public static (CardActionInvocation? Action, string? Error) FromInvoke(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object })
        {
            return (null, "The invoke has no value object.");
        }
        if (LooseJson.Object(value, "action") is not { } action)
        {
            return (null, "The invoke value has no action object.");
        }
        if (LooseJson.String(action, "type") != "Action.Execute")
        {
            return (null, "The action type must be Action.Execute.");
        }
        // Teams merges the card's input values into action.data.
        var data = LooseJson.Object(action, "data");
        var verb = LooseJson.String(action, "verb");
        if (string.IsNullOrEmpty(verb))
        {
            verb = LooseJson.String(data, AdaptiveCardRenderer.VerbDataKey);
        }
        if (string.IsNullOrEmpty(verb))
        {
            return (null, "The action has no verb.");
        }
        return (new CardActionInvocation(verb, data is { } inputs ? Data(inputs) : new Dictionary<string, string>(StringComparer.Ordinal)), null);
    }

    /// <summary>A classic Action.Submit: a message whose value carries the action's data and its verb (§4.3); null for any other message.</summary>
    public static CardActionInvocation? FromSubmit(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data && LooseJson.String(data, AdaptiveCardRenderer.VerbDataKey) is { Length: > 0 } verb
            ? new CardActionInvocation(verb, Data(data))
            : null;

    /// <summary>An action's data as the strings features read; the verb and Teams' own routing hints are left out.</summary>
    public static Dictionary<string, string> Data(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            // The verb travels separately; msteams holds Teams' own routing hints, not action data.
            if (property.Name is AdaptiveCardRenderer.VerbDataKey or "msteams")
            {
                continue;
            }
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => property.Value.GetRawText(),
            };
        }
        return values;
    }
}
