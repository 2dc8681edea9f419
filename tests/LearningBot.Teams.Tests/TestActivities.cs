using System.Text.Json.Nodes;

namespace LearningBot.Teams.Tests;

/// <summary>Builders for the activities Teams sends (teams-protocol.md §1).</summary>
public static class TestActivities
{
    public const string UserId = "29:user-1";

    public static JsonObject Message(string serviceUrl, string text, string id = "1575667808184", string conversationType = "personal", string conversationId = "a:personal-1") =>
        Base("message", serviceUrl, id, conversationType, conversationId)
            .With("text", text)
            .With("textFormat", "plain");

    public static JsonObject Base(string type, string serviceUrl, string id = "f:activity-1", string conversationType = "personal", string conversationId = "a:personal-1")
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = "2026-03-02T09:00:00.000Z",
            ["localTimezone"] = "Europe/Berlin",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Ada Lovelace", ["aadObjectId"] = "aad-user-1" },
            ["recipient"] = new JsonObject { ["id"] = TeamsBotHost.BotId, ["name"] = "LearningBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationType,
                ["tenantId"] = TeamsBotHost.TenantId,
                ["isGroup"] = conversationType != "personal",
            },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsBotHost.TenantId } },
            ["locale"] = "en-GB",
            ["unknownField"] = new JsonObject { ["kept"] = true },
        };
        if (conversationType == "channel")
        {
            activity["channelData"]!["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2", ["name"] = "Security" };
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = "19:channel@thread.tacv2", ["name"] = "General" };
        }
        return activity;
    }

    public static JsonObject CardActionInvoke(string serviceUrl, string verb, JsonObject? data = null, string id = "f:invoke-1", string replyToId = "card-message-1") =>
        Base("invoke", serviceUrl, id)
            .With("name", "adaptiveCard/action")
            .With("replyToId", replyToId)
            .With("value", new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
                ["trigger"] = "manual",
            });

    public static JsonObject With(this JsonObject activity, string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity[name] = value;
        return activity;
    }
}
