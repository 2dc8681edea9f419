using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Cards;

namespace LearningBot.Slack.Cards;

/// <summary>What a modal carries in private_metadata: the submit verb and data, and where to post the answer.</summary>
public sealed record ModalMetadata(string Verb, IReadOnlyDictionary<string, string> Data, string? Channel)
{
    /// <summary>The callback_id of every modal the bot opens for a card, so a view_submission is known as the bot's own.</summary>
    public const string CallbackId = "lb:card";

    /// <summary>The card's first submit action: the modal's submit button, whose verb the submission runs.</summary>
    public static CardAction? SubmitOf(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Actions.FirstOrDefault(a => a.Verb is not null);
    }

    /// <summary>The metadata of a form opened as a modal: its submit action's verb and data, answered in <paramref name="channel"/>.</summary>
    public static ModalMetadata For(Card form, string channel)
    {
        var submit = SubmitOf(form);
        return new ModalMetadata(submit?.Verb ?? "", submit?.Data ?? new Dictionary<string, string>(), channel);
    }

    public string Serialize()
    {
        var json = BlockKitRenderer.VerbAndData(Verb, Data);
        json["c"] = Channel;
        var serialized = json.ToJsonString();
        // Modal private_metadata is limited to 3000 characters (§6); data that big would not fit, keep the verb.
        return serialized.Length <= BlockKitRenderer.MaxPrivateMetadata ? serialized : new JsonObject { ["v"] = Verb, ["c"] = Channel }.ToJsonString();
    }

    public static ModalMetadata? Parse(string? json)
    {
        if (!BlockKitRenderer.TryReadButtonValue(json, out var verb, out var data))
        {
            return null;
        }
        string? channel = null;
        using (var document = JsonDocument.Parse(json!))
        {
            if (document.RootElement.TryGetProperty("c", out var c) && c.ValueKind == JsonValueKind.String)
            {
                channel = c.GetString();
            }
        }
        return new ModalMetadata(verb, data, channel);
    }
}
