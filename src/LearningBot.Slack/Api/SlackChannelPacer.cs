using System.Collections.Concurrent;
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
