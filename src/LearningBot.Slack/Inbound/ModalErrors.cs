using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// The answer to a view_submission that keeps the modal open with a problem under each field it concerns
/// (slack-protocol.md §4 response_action errors): the inputs' own rules, checked inside the ack, or the core's.
/// </summary>
public static class ModalErrors
{
    /// <summary>Checks the inputs as the modal declared them (required, max_length); null = valid, close the modal.</summary>
    public static JsonObject? Validate(JsonElement payload)
    {
        var view = payload.GetObject("view");
        if (view is not { } v || !v.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var values = SlackInputValues.From(payload);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.GetString("type") != "input" || block.GetString("block_id") is not { } blockId || block.GetObject("element") is not { } element)
            {
                continue;
            }
            var actionId = element.GetString("action_id") ?? blockId;
            values.TryGetValue(actionId, out var value);
            var optional = block.GetBool("optional");
            if (!optional && string.IsNullOrWhiteSpace(value))
            {
                errors[blockId] = "Please fill this in.";
            }
            else if (element.TryGetProperty("max_length", out var max) && max.TryGetInt32(out var maxLength) && value is not null && value.Length > maxLength)
            {
                errors[blockId] = $"Please keep this to {maxLength} characters.";
            }
        }
        return Answer(errors);
    }

    /// <summary>The reply's problems on the modal's own fields, or null when it has none.</summary>
    public static JsonObject? Of(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.FieldErrors is { } problems ? Answer(problems) : null;
    }

    private static JsonObject? Answer(IReadOnlyDictionary<string, string> problems)
    {
        if (problems.Count == 0)
        {
            return null;
        }
        var errors = new JsonObject();
        foreach (var (field, problem) in problems)
        {
            errors[field] = problem;
        }
        return new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }
}
