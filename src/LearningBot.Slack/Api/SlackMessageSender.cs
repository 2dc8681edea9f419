using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Api;

/// <summary>
/// Keeps the bot's posts into one channel at most one per <see cref="SlackOptions.PerChannelMessageInterval"/>
/// (chat.postMessage allows about one message per second per channel, slack-protocol.md §5): each post reserves the
/// next free slot of its channel and waits for it on the app's clock.
/// </summary>
public sealed class SlackChannelPacer(TimeProvider clock, IOptions<SlackOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        var interval = options.Value.PerChannelMessageInterval;
        var now = clock.GetUtcNow();
        DateTimeOffset slot;
        lock (_gate)
        {
            slot = _next.TryGetValue(channel, out var next) && next > now ? next : now;
            _next[channel] = slot + interval;
            if (_next.Count > 10_000)
            {
                foreach (var stale in _next.Where(p => p.Value < now).Select(p => p.Key).ToList())
                {
                    _next.TryRemove(stale, out _);
                }
            }
        }
        var wait = slot - now;
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }
}

/// <summary>Posts the core's outbound messages as Block Kit, paced per channel.</summary>
public sealed class SlackMessageSender(SlackApiClient api, SlackChannelPacer pacer)
{
    /// <summary>Posts into a channel or DM; returns the message ts (Slack's message id).</summary>
    public async Task<string> PostAsync(SlackAuthorization auth, string channel, OutboundMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        await pacer.WaitTurnAsync(channel, cancellationToken).ConfigureAwait(false);
        return await api.PostMessageAsync(auth.BotToken, channel, BlockKitRenderer.Message(message), threadTs, cancellationToken).ConfigureAwait(false);
    }

    public async Task PostEphemeralAsync(SlackAuthorization auth, string channel, string user, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        await pacer.WaitTurnAsync(channel, cancellationToken).ConfigureAwait(false);
        await api.PostEphemeralAsync(auth.BotToken, channel, user, BlockKitRenderer.Message(message), cancellationToken).ConfigureAwait(false);
    }

    public Task UpdateAsync(SlackAuthorization auth, string channel, string ts, JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return api.UpdateMessageAsync(auth.BotToken, channel, ts, message, cancellationToken);
    }
}

/// <summary>users.info, remembered for an hour: names and time zones for the people directory without a call per event.</summary>
public sealed class SlackUserDirectory(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (SlackUser User, DateTimeOffset Until)> _users = new(StringComparer.Ordinal);

    public async Task<SlackUser?> FindAsync(SlackApiClient api, SlackAuthorization auth, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(auth);
        var key = $"{auth.TeamId}/{userId}";
        var now = clock.GetUtcNow();
        if (_users.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.User;
        }
        try
        {
            var user = await api.UserInfoAsync(auth.BotToken, userId, cancellationToken).ConfigureAwait(false);
            _users[key] = (user, now + Lifetime);
            return user;
        }
        catch (SlackApiException)
        {
            // A name is nice to have; the turn goes on without it (users:read may not be granted).
            return null;
        }
    }
}
