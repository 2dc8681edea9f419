using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using static LearningBot.Slack.Cards.BlockKitRenderer;
using static LearningBot.Slack.Cards.BlockKitText;

namespace LearningBot.Slack.Cards;

/// <summary>
/// A card's inputs as Block Kit input blocks (slack-protocol.md §6): text, date, choice and people pickers, each with
/// the input's id as block_id and action_id, so the submitted state.values come back keyed by the card's input ids.
/// </summary>
internal static class BlockKitInputs
{
    /// <summary>The input block of a card element, or null when the element is not an input.</summary>
    public static JsonObject? Block(CardElement element) => element switch
    {
        TextInputElement input => Block(input, Text(input)),
        DateInputElement input => Block(input, WithInitial(Element("datepicker", input), "initial_date", input.Value)),
        ChoiceInputElement input => Block(input, ChoiceSelect(input)),
        PeopleInputElement input => Block(input, Element("multi_users_select", input)),
        _ => null,
    };

    private static JsonObject Block(InputElement input, JsonObject element) => new()
    {
        ["type"] = "input",
        ["block_id"] = Cut(input.Id, MaxId),
        ["label"] = PlainText(Cut(input.Label, MaxLabel)),
        ["optional"] = !input.Required,
        ["element"] = element,
    };

    private static JsonObject Element(string type, InputElement input) => new() { ["type"] = type, ["action_id"] = Cut(input.Id, MaxId) };

    private static JsonObject WithInitial(JsonObject element, string property, string? value)
    {
        if (value is { Length: > 0 })
        {
            element[property] = value;
        }
        return element;
    }

    private static JsonObject Text(TextInputElement input)
    {
        var maxLength = Math.Clamp(input.MaxLength, 1, MaxTextInput);
        var element = Element("plain_text_input", input);
        element["multiline"] = input.Multiline;
        element["max_length"] = maxLength;
        if (input.Placeholder is { Length: > 0 } placeholder)
        {
            element["placeholder"] = PlainText(Cut(placeholder, MaxPlaceholder));
        }
        return WithInitial(element, "initial_value", input.Value is { Length: > 0 } value ? Cut(value, maxLength) : null);
    }

    /// <summary>static_select: at most 100 options, option text ≤75 and value ≤150 (§6).</summary>
    private static JsonObject ChoiceSelect(ChoiceInputElement input)
    {
        static JsonObject Option(Choice choice) => new() { ["text"] = PlainText(Cut(choice.Title, MaxOptionText)), ["value"] = Cut(choice.Value, MaxOptionValue) };
        var choices = input.Choices.Take(MaxOptions).ToList();
        var element = Element("static_select", input);
        element["options"] = new JsonArray([.. choices.Select(c => (JsonNode)Option(c))]);
        if (choices.FirstOrDefault(c => c.Value == input.Value) is { } initial)
        {
            element["initial_option"] = Option(initial);
        }
        return element;
    }
}
