using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Slack.Cards;

/// <summary>
/// Renders the core <see cref="Card"/> as Block Kit within every limit of slack-protocol.md §6. Nothing is left
/// for Slack to reject: long text is split over several sections, labels are cut with "…", and blocks past the
/// surface's limit are dropped with a visible note that there was more.
/// </summary>
public static partial class BlockKitRenderer
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
        var submit = card.Actions.FirstOrDefault(a => a.Verb is not null);
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = Cut(callbackId, MaxId),
            ["title"] = PlainText(Cut(card.Title, MaxViewTitle)),
            ["close"] = PlainText("Cancel"),
            ["private_metadata"] = metadata.Serialize(),
            ["blocks"] = Blocks(card with { Actions = [.. card.Actions.Where(a => !ReferenceEquals(a, submit))] }, MaxViewBlocks),
        };
        if (submit is not null || card.HasInputs)
        {
            view["submit"] = PlainText(Cut(submit?.Title ?? "Submit", MaxViewTitle));
        }
        return view;
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
            switch (element)
            {
                case TextElement text when text.Subtle:
                    body.AddRange(Split(Mrkdwn(text.Text), MaxSectionText).Select(Context));
                    break;
                case TextElement text:
                    body.AddRange(Split(Mrkdwn(text.Text), MaxSectionText).Select(Section));
                    break;
                case HeadingElement heading:
                    body.Add(Section(Cut("*" + Escape(heading.Text) + "*", MaxSectionText)));
                    break;
                case FactsElement facts:
                    foreach (var chunk in facts.Facts.Chunk(MaxFields))
                    {
                        var fields = new JsonArray();
                        foreach (var fact in chunk)
                        {
                            fields.Add(MrkdwnText(Cut($"*{Escape(fact.Label)}*\n{Mrkdwn(fact.Value)}", MaxFieldText)));
                        }
                        body.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
                    }
                    break;
                case TextInputElement input:
                    body.Add(Input(input));
                    break;
                case DateInputElement input:
                    body.Add(InputBlock(input, WithInitial(new JsonObject { ["type"] = "datepicker", ["action_id"] = Cut(input.Id, MaxId) }, "initial_date", input.Value)));
                    break;
                case ChoiceInputElement input:
                    body.Add(InputBlock(input, ChoiceSelect(input)));
                    break;
                case PeopleInputElement input:
                    body.Add(InputBlock(input, new JsonObject { ["type"] = "multi_users_select", ["action_id"] = Cut(input.Id, MaxId) }));
                    break;
            }
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

        var blocks = new JsonArray();
        if (body.Count + actions.Count <= maxBlocks)
        {
            foreach (var block in body.Concat(actions))
            {
                blocks.Add(block);
            }
            return blocks;
        }
        // Too many blocks: keep the buttons (what the person can do), cut the body and say so.
        actions = [.. actions.Take(Math.Max(0, maxBlocks - 2))];
        foreach (var block in body.Take(maxBlocks - 1 - actions.Count))
        {
            blocks.Add(block);
        }
        blocks.Add(Context(MoreNote));
        foreach (var block in actions)
        {
            blocks.Add(block);
        }
        return blocks;
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

    private static JsonObject InputBlock(InputElement input, JsonObject element) => new()
    {
        ["type"] = "input",
        ["block_id"] = Cut(input.Id, MaxId),
        ["label"] = PlainText(Cut(input.Label, MaxLabel)),
        ["optional"] = !input.Required,
        ["element"] = element,
    };

    private static JsonObject WithInitial(JsonObject element, string property, string? value)
    {
        if (value is { Length: > 0 })
        {
            element[property] = value;
        }
        return element;
    }

    /// <summary>static_select: at most 100 options, option text ≤75 and value ≤150 (§6).</summary>
    private static JsonObject ChoiceSelect(ChoiceInputElement input)
    {
        JsonObject Option(Choice choice) => new() { ["text"] = PlainText(Cut(choice.Title, MaxOptionText)), ["value"] = Cut(choice.Value, MaxOptionValue) };
        var element = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = Cut(input.Id, MaxId),
            ["options"] = new JsonArray([.. input.Choices.Take(MaxOptions).Select(c => (JsonNode)Option(c))]),
        };
        if (input.Choices.Take(MaxOptions).FirstOrDefault(c => c.Value == input.Value) is { } initial)
        {
            element["initial_option"] = Option(initial);
        }
        return element;
    }

    private static JsonObject Input(TextInputElement input)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = Cut(input.Id, MaxId),
            ["multiline"] = input.Multiline,
            ["max_length"] = Math.Clamp(input.MaxLength, 1, 3000),
        };
        if (input.Placeholder is { Length: > 0 } placeholder)
        {
            element["placeholder"] = PlainText(Cut(placeholder, MaxPlaceholder));
        }
        if (input.Value is { Length: > 0 } value)
        {
            element["initial_value"] = Cut(value, Math.Clamp(input.MaxLength, 1, 3000));
        }
        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = Cut(input.Id, MaxId),
            ["label"] = PlainText(Cut(input.Label, MaxLabel)),
            ["optional"] = !input.Required,
            ["element"] = element,
        };
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
            var json = SerializeValue(verb, values);
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
        return SerializeValue(Cut(verb, MaxId), new Dictionary<string, string>());
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

    private static string SerializeValue(string verb, Dictionary<string, string> data)
    {
        var d = new JsonObject();
        foreach (var (key, value) in data)
        {
            d[key] = value;
        }
        return new JsonObject { ["v"] = verb, ["d"] = d }.ToJsonString();
    }

    /// <summary>The card Markdown subset in Slack mrkdwn: &amp;, &lt;, &gt; escaped; **bold** → *bold*; [t](u) → &lt;u|t&gt;; "- " → "• ".</summary>
    public static string Mrkdwn(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = Escape(markdown);
        text = LinkPattern().Replace(text, m => $"<{m.Groups[2].Value}|{m.Groups[1].Value}>");
        text = BoldPattern().Replace(text, "*$1*");
        text = BulletPattern().Replace(text, "• ");
        return text;
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Cuts to at most <paramref name="max"/> characters, ending with "…" when something was cut.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    /// <summary>Splits long text into pieces of at most <paramref name="max"/> characters, at a line break or space when there is one.</summary>
    public static IEnumerable<string> Split(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Length == 0 ? " " : text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = rest.LastIndexOf(' ', max - 1);
            }
            if (cut < max / 2)
            {
                cut = max;
            }
            yield return rest[..cut];
            rest = rest[cut..].TrimStart('\n', ' ');
        }
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = MrkdwnText(mrkdwn) };

    private static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray(MrkdwnText(Cut(mrkdwn, MaxSectionText))) };

    private static JsonObject MrkdwnText(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text.Length == 0 ? " " : text, ["emoji"] = true };

    [GeneratedRegex(@"\[([^\]]+)\]\((https?://[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex BoldPattern();

    [GeneratedRegex(@"^- ", RegexOptions.Multiline)]
    private static partial Regex BulletPattern();
}

/// <summary>What a modal carries in private_metadata: the submit verb and data, and where to post the answer.</summary>
public sealed record ModalMetadata(string Verb, IReadOnlyDictionary<string, string> Data, string? Channel)
{
    public string Serialize()
    {
        var d = new JsonObject();
        foreach (var (key, value) in Data)
        {
            d[key] = value;
        }
        var json = new JsonObject { ["v"] = Verb, ["d"] = d, ["c"] = Channel }.ToJsonString();
        // Modal private_metadata is limited to 3000 characters (§6); data that big would not fit, keep the verb.
        return json.Length <= BlockKitRenderer.MaxPrivateMetadata ? json : new JsonObject { ["v"] = Verb, ["c"] = Channel }.ToJsonString();
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
