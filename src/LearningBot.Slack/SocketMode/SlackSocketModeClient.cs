using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Slack.Api;
using LearningBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.SocketMode;

/// <summary>
/// Socket Mode (slack-protocol.md §7): with LearningBot:Slack:SocketMode on, the bot opens a WebSocket from a one-shot
/// apps.connections.open URL (app-level token) and receives envelopes there instead of HTTP. Each envelope is acked
/// on the same socket with its envelope_id (and the slash-command or view_submission answer as payload), as
/// <see cref="SlackAcknowledgements"/> says for HTTP too. A <c>disconnect</c> message reconnects at once with a fresh URL; a lost
/// connection reconnects with exponential backoff (1 s doubling to 30 s).
/// </summary>
public sealed class SlackSocketModeClient(
    IOptions<SlackOptions> options,
    IServiceScopeFactory scopes,
    SlackAcknowledgements acks,
    TimeProvider clock,
    ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _send = new(1, 1);
    private int _connections;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SocketMode)
        {
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Uri url;
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    url = await scope.ServiceProvider.GetRequiredService<SlackApiClient>().OpenSocketConnectionAsync(settings.AppToken, stoppingToken).ConfigureAwait(false);
                }
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, stoppingToken).ConfigureAwait(false);
                await ReceiveAsync(socket, () => failures = 0, stoppingToken).ConfigureAwait(false);
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or SlackApiException or IOException or JsonException)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures++)));
                Log.SocketLost(logger, delay.TotalSeconds, e);
                await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads envelopes until Slack asks to disconnect (returns) or the connection drops (throws).</summary>
    private async Task ReceiveAsync(ClientWebSocket socket, Action connected, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "Slack closed the Socket Mode connection without a disconnect message.");
                }
                await message.WriteAsync(buffer.AsMemory(0, result.Count), cancellationToken).ConfigureAwait(false);
            }
            while (!result.EndOfMessage);

            // An envelope whose text cannot be stored (invalid UTF-8, a lone surrogate) is dropped here, before any work is queued.
            if (LearningBot.Core.Kernel.WellFormedText.ProblemInJson(message.GetBuffer().AsSpan(0, (int)message.Length)) is not null)
            {
                continue;
            }
            using var document = JsonDocument.Parse(message.ToArray());
            var frame = document.RootElement.Clone();
            switch (frame.GetString("type"))
            {
                case "hello":
                    connected();
                    Log.SocketConnected(logger, Interlocked.Increment(ref _connections));
                    break;
                case "disconnect":
                    Log.SocketDisconnectRequested(logger, frame.GetString("reason") ?? "");
                    return;
                default:
                    if (frame.GetString("envelope_id") is { } envelopeId)
                    {
                        _ = HandleEnvelopeAsync(socket, envelopeId, frame, cancellationToken);
                    }
                    break;
            }
        }
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, string envelopeId, JsonElement frame, CancellationToken cancellationToken)
    {
        var type = frame.GetString("type");
        try
        {
            var payload = frame.TryGetProperty("payload", out var p) ? p : default;
            // §7: ack first, with the same answer and the same queued work as over HTTP.
            var answer = type switch
            {
                "events_api" => await acks.EventAsync(payload).ConfigureAwait(false),
                "slash_commands" => await acks.CommandAsync(name => payload.GetString(name)).ConfigureAwait(false),
                "interactive" => await acks.InteractionAsync(payload).ConfigureAwait(false),
                _ => SlackAck.Empty,
            };
            if (answer.NoRoom)
            {
                // No ack: Slack redelivers the envelope (events carry retry_attempt; the event_id dedupe drops copies).
                return;
            }
            var ack = new JsonObject { ["envelope_id"] = envelopeId };
            if (answer.Body is { } body)
            {
                ack["payload"] = body;
            }
            await SendAsync(socket, ack, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.SocketEnvelopeFailed(logger, envelopeId, type, e);
        }
    }

    private async Task SendAsync(ClientWebSocket socket, JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJsonString());
        // One writer at a time: a WebSocket allows a single outstanding send, and acks must use this socket (§7).
        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    public override void Dispose()
    {
        _send.Dispose();
        base.Dispose();
    }
}
