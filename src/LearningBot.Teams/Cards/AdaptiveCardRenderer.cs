using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Cards;

/// <summary>
/// Renders the one core <see cref="Card"/> as an Adaptive Card 1.5 — the highest version Teams renders and the one
/// Universal Actions need (teams-protocol.md §4.5) — and wraps it as an attachment-only message (§4.3).
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>
    /// Teams refuses messages over ~100 KB counted as UTF-16, two bytes a character (§4.5); staying under 80 KB of
    /// UTF-16 leaves room for the envelope.
    /// </summary>
    public const int MaxCardBytes = 80 * 1024;

    /// <summary>The data key that carries the verb, so a classic Action.Submit (fallback) brings it back too.</summary>
    public const string VerbDataKey = "verb";

    private const string Ellipsis = "…";

    /// <summary>U+2060: invisible, and not a line break opportunity.</summary>
    public const char WordJoiner = '\u2060';

    public static JsonObject Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = Escape(card.Title),
                ["weight"] = "Bolder",
                ["size"] = "Large",
                ["wrap"] = true,
                ["style"] = "heading",
            },
        };
        if (card.Subtitle is { Length: > 0 } subtitle)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Markdown(subtitle), ["isSubtle"] = true, ["spacing"] = "None", ["wrap"] = true });
        }
        foreach (var element in card.Body)
        {
            body.Add(RenderElement(element));
        }

        var rendered = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["fallbackText"] = card.FallbackText,
            ["body"] = body,
        };
        if (card.Actions.Count > 0)
        {
            rendered["actions"] = new JsonArray([.. card.Actions.Select(RenderAction)]);
        }
        FitWithinLimit(rendered, MaxCardBytes);
        return rendered;
    }

    /// <summary>A message activity holding only the card: text and a card in one activity get split by Teams (§4.3).</summary>
    public static Activity ToActivity(Card card) => new()
    {
        Type = ActivityTypes.Message,
        Summary = card.FallbackText,
        Attachments = [new Attachment { ContentType = ContentType, Content = Render(card) }],
    };

    /// <summary>A plain text message in the Markdown subset (§1.1 textFormat).</summary>
    public static Activity TextActivity(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = Markdown(text),
        TextFormat = "markdown",
    };

    private static JsonObject RenderElement(CardElement element) => element switch
    {
        TextElement text => Subtle(new JsonObject { ["type"] = "TextBlock", ["text"] = Markdown(text.Text), ["wrap"] = true }, text.Subtle),
        HeadingElement heading => new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = Escape(heading.Text),
            ["weight"] = "Bolder",
            ["size"] = "Medium",
            ["wrap"] = true,
        },
        FactsElement facts => new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray([.. facts.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = Escape(f.Label), ["value"] = Markdown(f.Value) })]),
        },
        TextInputElement input => TextInput(input),
        DateInputElement input => Input(input, "Input.Date", input.Value),
        ChoiceInputElement input => ChoiceInput(input),
        PeopleInputElement input => PeopleInput(input),
        RevealElement reveal => Reveal(reveal),
        _ => throw new NotSupportedException($"Card element {element.GetType().Name} has no Adaptive Card rendering."),
    };

    /// <summary>A button that shows a hidden container in place (Action.ToggleVisibility, Adaptive Cards 1.2+), then the container.</summary>
    private static JsonObject Reveal(RevealElement reveal) => new()
    {
        ["type"] = "Container",
        ["items"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Action.ToggleVisibility",
                    ["title"] = CardAction.FitTitle(reveal.ButtonTitle),
                    ["targetElements"] = new JsonArray(reveal.Id),
                }),
            },
            new JsonObject
            {
                ["type"] = "Container",
                ["id"] = reveal.Id,
                ["isVisible"] = false,
                ["items"] = new JsonArray([.. reveal.Content.Select(RenderElement)]),
            },
        },
    };

    private static JsonObject TextInput(TextInputElement input)
    {
        var node = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = input.Id,
            ["label"] = input.Label,
            ["isMultiline"] = input.Multiline,
            ["isRequired"] = input.Required,
            ["maxLength"] = input.MaxLength,
        };
        if (input.Placeholder is not null)
        {
            node["placeholder"] = input.Placeholder;
        }
        if (input.Value is not null)
        {
            node["value"] = input.Value;
        }
        if (input.Required)
        {
            node["errorMessage"] = $"{input.Label} is required.";
        }
        return node;
    }

    private static JsonObject Input(InputElement input, string type, string? value)
    {
        var node = new JsonObject { ["type"] = type, ["id"] = input.Id, ["label"] = input.Label, ["isRequired"] = input.Required };
        if (value is not null)
        {
            node["value"] = value;
        }
        if (input.Required)
        {
            node["errorMessage"] = $"{input.Label} is required.";
        }
        return node;
    }

    private static JsonObject ChoiceInput(ChoiceInputElement input)
    {
        var node = Input(input, "Input.ChoiceSet", input.Value);
        node["style"] = "compact";
        node["choices"] = new JsonArray([.. input.Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
        return node;
    }

    /// <summary>The Teams people picker: an Input.ChoiceSet filled by a Data.Query over the organisation's users; values are Entra object ids.</summary>
    private static JsonObject PeopleInput(PeopleInputElement input)
    {
        var node = Input(input, "Input.ChoiceSet", null);
        node["isMultiSelect"] = true;
        node["choices"] = new JsonArray();
        node["choices.data"] = new JsonObject
        {
            ["type"] = "Data.Query",
            ["dataset"] = input.ConversationMembersOnly ? "graph.microsoft.com/users?scope=currentContext" : "graph.microsoft.com/users",
        };
        return node;
    }

    private static JsonNode RenderAction(CardAction action)
    {
        if (action.Url is { } url)
        {
            return new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = action.Title, ["url"] = url.ToString() };
        }
        var verb = action.Verb ?? throw new InvalidOperationException($"Card action '{action.Title}' has neither a verb nor a URL.");
        JsonObject Data()
        {
            var data = new JsonObject();
            foreach (var (key, value) in action.Data)
            {
                data[key] = value;
            }
            data[VerbDataKey] = verb;
            return data;
        }
        // Universal Action; old clients fall back to Action.Submit, which arrives as a message with value.verb (§4.3).
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = action.Title,
            ["verb"] = verb,
            ["data"] = Data(),
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = action.Title, ["data"] = Data() },
        };
        if (action.Primary)
        {
            execute["style"] = "positive";
        }
        return execute;
    }

    private static JsonObject Subtle(JsonObject block, bool subtle)
    {
        if (subtle)
        {
            block["isSubtle"] = true;
        }
        return block;
    }

    /// <summary>
    /// Adaptive Card Markdown renders "- " lists only when each item starts a line and the list is set off from the
    /// paragraph before it, so line breaks are normalised and a blank line is put before a list. Text is escaped
    /// (<see cref="Escape"/>) so that what is not the card Markdown subset shows as typed.
    /// </summary>
    internal static string Markdown(string text)
    {
        var lines = Escape(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var result = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (i > 0)
            {
                var previous = lines[i - 1].TrimEnd();
                var startsList = IsBullet(line) && previous.Length > 0 && !IsBullet(previous);
                result.Append(startsList ? "\n\n" : "\n");
            }
            result.Append(line);
        }
        return result.ToString();

        static bool IsBullet(string line) => line.TrimStart().StartsWith("- ", StringComparison.Ordinal);
    }

    /// <summary>
    /// Shortens the longest texts — text blocks anywhere in the body (also inside containers and revealed parts), fact
    /// values, input labels and their error messages, never an input's value — by serialized size in UTF-16, as Teams counts, marking each cut with "…", until the card's JSON
    /// fits (§4.5). The largest text is cut down towards the next largest, so one long text does not vanish while
    /// another stays whole. Every pass shortens a text or stops: when no text can be shortened further the card is
    /// left as it is (the card lint reports a card that still does not fit).
    /// </summary>
    internal static void FitWithinLimit(JsonObject card, int maxBytes)
    {
        while (Utf16Bytes(card.ToJsonString()) - maxBytes is var excess && excess > 0)
        {
            var texts = new List<(JsonObject Owner, string Key, int Bytes)>();
            CollectShortenable(card["body"], texts);
            var candidates = texts.OrderByDescending(t => t.Bytes).ToList();
            if (candidates.Count == 0)
            {
                return;
            }
            var (owner, key, bytes) = candidates[0];
            var next = candidates.Count > 1 ? candidates[1].Bytes : 0;
            var text = (string)owner[key]!;
            var bytesToCut = Math.Min(excess + 16, Math.Max(bytes - next, (excess + 16) / 2));
            // Escaped JSON can take several bytes per character; convert with this text's own ratio.
            var charsToCut = (int)Math.Ceiling(bytesToCut * (double)text.Length / bytes);
            var body = text.EndsWith(Ellipsis, StringComparison.Ordinal) ? text[..^Ellipsis.Length] : text;
            var keep = Math.Clamp(body.Length - Math.Max(1, charsToCut), 1, body.Length - 1);
            if (char.IsHighSurrogate(body[keep - 1]))
            {
                keep = Math.Max(1, keep - 1);
            }
            owner[key] = string.Concat(body.AsSpan(0, keep), Ellipsis);
        }
    }

    /// <summary>The texts under <paramref name="node"/> that can still lose a character: a text block's text, a fact's value, an input's label and error message.</summary>
    private static void CollectShortenable(JsonNode? node, List<(JsonObject Owner, string Key, int Bytes)> texts)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectShortenable(item, texts);
                }
                break;
            case JsonObject element:
                var type = (string?)element["type"];
                if (type == "TextBlock")
                {
                    Add(element, "text", texts);
                }
                else if (type?.StartsWith("Input.", StringComparison.Ordinal) == true)
                {
                    // What a field is called and says when it is empty; never what the person typed.
                    Add(element, "label", texts);
                    Add(element, "errorMessage", texts);
                }
                else if (type == "FactSet" && element["facts"] is JsonArray facts)
                {
                    foreach (var fact in facts.OfType<JsonObject>())
                    {
                        Add(fact, "value", texts);
                    }
                }
                CollectShortenable(element["items"], texts);
                CollectShortenable(element["columns"], texts);
                break;
        }

        static void Add(JsonObject owner, string key, List<(JsonObject Owner, string Key, int Bytes)> texts)
        {
            if (owner[key] is JsonValue value && value.TryGetValue<string>(out var text) && Shortenable(text))
            {
                texts.Add((owner, key, Utf16Bytes(value.ToJsonString())));
            }
        }

        // A text already cut to one character and the ellipsis has nothing left to give.
        static bool Shortenable(string text) =>
            (text.EndsWith(Ellipsis, StringComparison.Ordinal) ? text.Length - Ellipsis.Length : text.Length) > 1;
    }

    /// <summary>
    /// Teams takes "&lt;" followed by a letter, "/", "!" or "?" for the start of HTML markup and drops it with what
    /// follows ("refresher &lt;topic&gt;" shows "refresher"). A word joiner (U+2060, invisible, no line break) after
    /// such a "&lt;" keeps it text on every client, where an entity (&amp;lt;) shows as typed on some.
    /// </summary>
    internal static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            result.Append(text[i]);
            if (text[i] == '<' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?'))
            {
                result.Append(WordJoiner);
            }
        }
        return result.ToString();
    }

    /// <summary>The size Teams counts: UTF-16, two bytes a character (teams-protocol.md §4.5).</summary>
    internal static int Utf16Bytes(string json) => json.Length * 2;
}
