using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using static LearningBot.Slack.Cards.BlockKitText;

namespace LearningBot.Slack.Cards;

/// <summary>
/// Renders the core <see cref="Card"/> as Block Kit within every limit of slack-protocol.md §6. Nothing is left
/// for Slack to reject: long text is split over several sections, labels are cut with "…", and blocks past the
/// surface's limit are dropped with a visible note that there was more. Text goes through <see cref="BlockKitText"/>,
/// inputs through <see cref="BlockKitInputs"/>.
/// </summary>
public static class BlockKitRenderer
{
    public const int MaxMessageBlocks = 50;
    public const int MaxViewBlocks = 100;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxId = 255;
    public const int MaxActionsPerBlock = 25;
    public const int MaxLabel = 2000;
    public const int MaxPlaceholder = 150;
    public const int MaxTextInput = 3000;
    public const int MaxViewTitle = 24;
    public const int MaxPrivateMetadata = 3000;
    public const int MaxUrl = 3000;
    public const int MaxOptions = 100;
    public const int MaxOptionText = 75;
    public const int MaxOptionValue = 150;

    public const string MoreNote = "_…more: the rest of this card did not fit in one Slack message._";

    /// <summary>action_id prefix of submit buttons; link buttons get "link:" (Slack sends block_actions for those too).</summary>
    public const string SubmitPrefix = "lb:";

    /// <summary>A chat.postMessage / response_url body: blocks with the text fallback always set (§5 chat.postMessage).</summary>
    public static JsonObject Message(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Card is { } card ? Message(card) : new JsonObject { ["text"] = Mrkdwn(message.Text ?? "") };
    }

    public static JsonObject Message(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject { ["text"] = Cut(card.FallbackText, MaxSectionText), ["blocks"] = Blocks(card, MaxMessageBlocks) };
    }

    /// <summary>A message only the person who asked sees: a slash command's answer or a response_url follow-up (§3).</summary>
    public static JsonObject Ephemeral(OutboundMessage message)
    {
        var body = Message(message);
        body["response_type"] = "ephemeral";
        return body;
    }

    /// <summary>The App Home tab (views.publish): no submit or close, up to 100 blocks.</summary>
    public static JsonObject HomeView(Card card) =>
        new() { ["type"] = "home", ["blocks"] = Blocks(card, MaxViewBlocks) };

    /// <summary>
    /// A modal (views.open) for a card with inputs: the card's first submit action becomes the modal's submit button
    /// and travels, with where to answer, in private_metadata (≤3000).
    /// </summary>
    public static JsonObject ModalView(Card card, string callbackId, ModalMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(metadata);
        var submit = ModalMetadata.SubmitOf(card);
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = Cut(callbackId, MaxId),
            ["title"] = PlainText(FitTitle(card.Title, MaxViewTitle)),
            ["close"] = PlainText("Cancel"),
            ["private_metadata"] = metadata.Serialize(),
            ["blocks"] = Blocks(card with { Actions = [.. card.Actions.Where(a => !ReferenceEquals(a, submit))] }, MaxViewBlocks),
        };
        if (submit is not null || card.HasInputs)
        {
            view["submit"] = PlainText(FitTitle(submit?.Title ?? "Submit", MaxViewTitle));
        }
        return view;
    }

    /// <summary>
    /// A modal's title or button in Slack's 24 characters: the whole words that fit, never a word cut in half (the full
    /// title is the modal's header block). A first word longer than that is all there is to cut.
    /// </summary>
    public static string FitTitle(string title, int max)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = title.Trim();
        if (text.Length <= max)
        {
            return text;
        }
        var fitted = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = fitted.Length == 0 ? word : fitted + " " + word;
            if (next.Length > max)
            {
                break;
            }
            fitted = next;
        }
        fitted = fitted.TrimEnd(',', ';', ':', '—', '-', ' ');
        return fitted.Length > 0 ? fitted : Cut(text, max);
    }

    public static JsonArray Blocks(Card card, int maxBlocks)
    {
        ArgumentNullException.ThrowIfNull(card);
        var body = new List<JsonObject>
        {
            new() { ["type"] = "header", ["text"] = PlainText(Cut(card.Title, MaxHeaderText)) },
        };
        if (!string.IsNullOrWhiteSpace(card.Subtitle))
        {
            body.Add(Context(Mrkdwn(card.Subtitle)));
        }
        foreach (var element in card.Body)
        {
            body.AddRange(BodyBlocks(element));
        }

        var actions = new List<JsonObject>();
        var index = 0;
        foreach (var chunk in card.Actions.Chunk(MaxActionsPerBlock))
        {
            var elements = new JsonArray();
            foreach (var action in chunk)
            {
                elements.Add(Button(action, index++));
            }
            actions.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
        }

        if (body.Count + actions.Count <= maxBlocks)
        {
            return new JsonArray([.. body.Concat(actions)]);
        }
        // Too many blocks: keep the buttons (what the person can do), cut the body and say so.
        actions = [.. actions.Take(Math.Max(0, maxBlocks - 2))];
        return new JsonArray([.. body.Take(maxBlocks - 1 - actions.Count), Context(MoreNote), .. actions]);
    }

    private static IEnumerable<JsonObject> BodyBlocks(CardElement element)
    {
        switch (element)
        {
            case TextElement text:
                Func<string, JsonObject> block = text.Subtle ? Context : Section;
                return Split(Mrkdwn(text.Text), MaxSectionText).Select(block);
            case HeadingElement heading:
                return [Section(Cut("*" + Escape(heading.Text) + "*", MaxSectionText))];
            case FactsElement facts:
                return facts.Facts.Chunk(MaxFields).Select(chunk => new JsonObject
                {
                    ["type"] = "section",
                    ["fields"] = new JsonArray([.. chunk.Select(fact => (JsonNode)MrkdwnObject(Cut($"*{Escape(fact.Label)}*\n{Mrkdwn(fact.Value)}", MaxFieldText)))]),
                });
            case RevealElement reveal:
                // Slack cannot hide blocks: the button asks the feature, which answers with the card revealed.
                return
                [
                    new JsonObject
                    {
                        ["type"] = "actions",
                        ["elements"] = new JsonArray(new JsonObject
                        {
                            ["type"] = "button",
                            ["text"] = PlainText(Cut(CardAction.FitTitle(reveal.ButtonTitle), MaxButtonText)),
                            ["action_id"] = Cut($"{SubmitPrefix}{reveal.Id}:{reveal.Verb}", MaxId),
                            ["value"] = ButtonValue(reveal.Verb, reveal.Data),
                        }),
                    },
                ];
            default:
                return BlockKitInputs.Block(element) is { } input ? [input] : [];
        }
    }

    private static JsonObject Button(CardAction action, int index)
    {
        var button = new JsonObject { ["type"] = "button", ["text"] = PlainText(Cut(action.Title, MaxButtonText)) };
        if (action.Url is { } url && action.Verb is null)
        {
            button["action_id"] = $"link:{index}";
            button["url"] = Cut(url.ToString(), MaxUrl);
        }
        else
        {
            button["action_id"] = Cut($"{SubmitPrefix}{index}:{action.Verb}", MaxId);
            button["value"] = ButtonValue(action.Verb ?? "", action.Data);
        }
        if (action.Primary)
        {
            button["style"] = "primary";
        }
        return button;
    }

    /// <summary>
    /// The button value: the verb and its data as compact JSON ({"v":…,"d":{…}}), at most 2000 characters (§6). If
    /// the data is larger, the longest values are shortened until it fits rather than letting Slack reject the card.
    /// </summary>
    public static string ButtonValue(string verb, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = new Dictionary<string, string>(data, StringComparer.Ordinal);
        for (var guard = 0; guard < 1000; guard++)
        {
            var json = VerbAndData(verb, values).ToJsonString();
            var excess = json.Length - MaxButtonValue;
            if (excess <= 0)
            {
                return json;
            }
            var longest = values.OrderByDescending(p => p.Value.Length).FirstOrDefault();
            if (longest.Key is null || longest.Value.Length == 0)
            {
                break;
            }
            values[longest.Key] = longest.Value[..Math.Max(0, longest.Value.Length - excess - 1)];
        }
        return VerbAndData(Cut(verb, MaxId), new Dictionary<string, string>()).ToJsonString();
    }

    public static bool TryReadButtonValue(string? value, out string verb, out Dictionary<string, string> data)
    {
        verb = "";
        data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            verb = v.GetString()!;
            if (root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in d.EnumerateObject())
                {
                    data[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.ToString();
                }
            }
            return verb.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>{"v": verb, "d": {data}}: what a button value and a modal's private_metadata carry.</summary>
    internal static JsonObject VerbAndData(string verb, IReadOnlyDictionary<string, string> data)
    {
        var d = new JsonObject();
        foreach (var (key, value) in data)
        {
            d[key] = value;
        }
        return new JsonObject { ["v"] = verb, ["d"] = d };
    }
}
