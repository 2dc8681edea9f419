using System.Text.Json;
using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Inbound;

/// <summary>
/// A message action (composeExtension/fetchTask or submitAction with commandContext "message") as a card action.
/// Its data: the dialog's inputs (submit), plus the message acted on — <c>messageId</c>, <c>authorAadObjectId</c>
/// (messagePayload.from.user.id is the Entra object id, not the 29: id), <c>authorName</c>, <c>authorIsBot</c>
/// (from.application), <c>messageText</c> and <c>messageLink</c>.
/// </summary>
internal static partial class MessageActionPayload
{
    /// <summary>The card action of a message action's invoke value, or why the value is malformed.</summary>
    public static (CardActionInvocation? Action, string? Error) FromInvoke(JsonElement? value, bool submit)
    {
        if (value is not { ValueKind: JsonValueKind.Object })
        {
            return (null, "The invoke has no value object.");
        }
        var commandId = LooseJson.String(value, "commandId");
        if (string.IsNullOrEmpty(commandId))
        {
            return (null, "The message action has no commandId.");
        }
        var data = LooseJson.Object(value, "data") is { } inputs
            ? CardActionPayload.Data(inputs)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        if (LooseJson.Object(value, "messagePayload") is { } payload)
        {
            data["messageId"] = LooseJson.String(payload, "id") ?? data.GetValueOrDefault("messageId", "");
            data["messageLink"] = LooseJson.String(payload, "linkToMessage") ?? data.GetValueOrDefault("messageLink", "");
            if (LooseJson.Object(payload, "body") is { } body)
            {
                data["messageText"] = HtmlTag().Replace(LooseJson.String(body, "content") ?? "", " ").Trim();
            }
            if (LooseJson.Object(payload, "from") is { } from)
            {
                var user = LooseJson.Object(from, "user");
                var application = LooseJson.Object(from, "application");
                data["authorAadObjectId"] = LooseJson.String(user, "id") ?? "";
                data["authorName"] = LooseJson.String(user, "displayName") ?? LooseJson.String(application, "displayName") ?? "";
                data["authorIsBot"] = application is not null && user is null ? "true" : "false";
            }
        }
        return (new CardActionInvocation(TeamsTurnMapper.MessageActionVerb(commandId, submit), data), null);
    }

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();
}
