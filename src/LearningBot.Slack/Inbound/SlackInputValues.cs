using System.Text.Json;
using LearningBot.Slack.Api;

namespace LearningBot.Slack.Inbound;

/// <summary>The values of a card's inputs as an interaction brings them back (slack-protocol.md §4 state.values).</summary>
public static class SlackInputValues
{
    /// <summary>Values of inputs (text, select, date, users) in state.values ({block_id: {action_id: {type, value}}}), keyed by action_id (= the card input's id).</summary>
    public static Dictionary<string, string> From(JsonElement payload)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = payload.GetObject("view")?.GetObject("state") ?? payload.GetObject("state");
        if (state?.GetObject("values") is not { } blocks)
        {
            return values;
        }
        foreach (var block in blocks.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var element in block.Value.EnumerateObject())
            {
                if (element.Value.GetString("value") is { } value)
                {
                    values[element.Name] = value;
                }
                else if (element.Value.GetObject("selected_option")?.GetString("value") is { } selected)
                {
                    values[element.Name] = selected;
                }
                else if (element.Value.GetString("selected_date") is { } date)
                {
                    values[element.Name] = date;
                }
                else if (element.Value.TryGetProperty("selected_users", out var users) && users.ValueKind == JsonValueKind.Array)
                {
                    values[element.Name] = string.Join(',', users.EnumerateArray().Select(u => u.GetString()).OfType<string>());
                }
            }
        }
        return values;
    }
}
