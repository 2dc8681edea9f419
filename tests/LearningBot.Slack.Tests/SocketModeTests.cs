using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Slack.Tests;

/// <summary>Socket Mode against a WebSocket server in the test (slack-protocol.md §7).</summary>
public sealed class SocketModeTests() : SlackBotTests(new Dictionary<string, string?>
{
    ["LearningBot:Slack:SocketMode"] = "true",
    ["LearningBot:Slack:AppToken"] = "xapp-1-A1-socket",
    ["LearningBot:Slack:SigningSecret"] = "",
})
{
    [Fact]
    public async Task An_event_envelope_is_acked_on_the_socket_and_answered_through_the_web_api()
    {
        var socket = await Slack.NextSocketAsync();
        await socket.SendAsync(Hello());
        await socket.SendAsync(new JsonObject
        {
            ["envelope_id"] = "env-1",
            ["type"] = "events_api",
            ["accepts_response_payload"] = false,
            ["payload"] = SlackPayloads.EventCallback(SlackPayloads.DirectMessage("over the socket"), eventId: "Ev-socket"),
        });

        var ack = await socket.ReceiveAsync();
        Assert.Equal("env-1", ack!.Value.GetProperty("envelope_id").GetString());
        await Bot.ProcessedAsync();

        var open = Assert.Single(Slack.CallsTo("apps.connections.open"));
        Assert.Equal("Bearer xapp-1-A1-socket", open.Authorization);
        var post = Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Contains("You asked: over the socket", post.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slash_command_is_answered_in_the_ack_payload()
    {
        var socket = await Slack.NextSocketAsync();
        await socket.SendAsync(Hello());
        var command = new JsonObject();
        foreach (var (key, value) in SlackPayloads.Command("/learn", "", Slack.ResponseUrl()))
        {
            command[key] = value;
        }
        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-cmd", ["type"] = "slash_commands", ["accepts_response_payload"] = true, ["payload"] = command });

        var ack = (await socket.ReceiveAsync())!.Value;
        Assert.Equal("env-cmd", ack.GetProperty("envelope_id").GetString());
        Assert.Equal("ephemeral", ack.GetProperty("payload").GetProperty("response_type").GetString());
        Assert.Equal("What I can do", ack.GetProperty("payload").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_disconnect_message_makes_the_bot_reconnect_with_a_fresh_url()
    {
        var first = await Slack.NextSocketAsync();
        await first.SendAsync(Hello());
        await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });

        var second = await Slack.NextSocketAsync();
        await second.SendAsync(Hello());
        await second.SendAsync(new JsonObject { ["envelope_id"] = "env-2", ["type"] = "events_api", ["payload"] = SlackPayloads.EventCallback(SlackPayloads.DirectMessage("after reconnect"), eventId: "Ev-2") });

        Assert.Equal("env-2", (await second.ReceiveAsync())!.Value.GetProperty("envelope_id").GetString());
        Assert.Equal(2, Slack.CallsTo("apps.connections.open").Count);
    }

    [Fact]
    public async Task A_dropped_connection_is_reopened()
    {
        var first = await Slack.NextSocketAsync();
        await first.SendAsync(Hello());
        first.Close();
        // The bot waits out its reconnect backoff on its clock: move the clock until it asks for a new connection. The
        // bot notices the drop on its own thread, maybe after a move, so each move gives it a moment to run (that wait is
        // for the bot's loop, not for time to pass); a bot that never reconnects fails the test instead of hanging it.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Slack.CallsTo("apps.connections.open").Count < 2)
        {
            Bot.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }

        var second = await Slack.NextSocketAsync(patience.Token);
        await second.SendAsync(Hello());
        Assert.Equal(2, Slack.CallsTo("apps.connections.open").Count);
    }

    private static JsonObject Hello() => new()
    {
        ["type"] = "hello",
        ["num_connections"] = 1,
        ["connection_info"] = new JsonObject { ["app_id"] = "A1" },
    };
}
