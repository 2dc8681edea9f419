using LearningBot.Core.Conversations;

namespace LearningBot.Core.Outbox;

/// <summary>
/// Paces sends on the app's clock, each channel at the <see cref="OutboxPace"/> it registered
/// (<see cref="ChannelTraits.Pace"/>): a token bucket per channel for all messages together, and a one-second sliding
/// window per conversation. One per process; with several instances, divide the global rates among them.
/// </summary>
public sealed class OutboxPacer(IReadOnlyDictionary<ChannelKind, OutboxPace> paces)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ChannelKind Channel, string Id), Queue<DateTimeOffset>> _perConversation = [];
    private readonly Dictionary<(ChannelKind Channel, string Id), DateTimeOffset> _heldUntil = [];
    private readonly Dictionary<ChannelKind, (double Tokens, DateTimeOffset RefilledAt)> _buckets = [];

    /// <summary>The pacer of the channels that registered their traits.</summary>
    public OutboxPacer(IEnumerable<ChannelTraits> channels)
        : this(channels.DistinctBy(c => c.Channel).ToDictionary(c => c.Channel, c => c.Pace))
    {
    }

    /// <summary>Takes one send from the channel's global budget, or says how long to wait.</summary>
    public bool TryTakeGlobal(ChannelKind channel, DateTimeOffset now, out TimeSpan wait)
    {
        var rate = Math.Max(0.1, PaceOf(channel).MessagesPerSecond);
        var capacity = Math.Max(1, rate);
        lock (_gate)
        {
            var (tokens, refilledAt) = _buckets.TryGetValue(channel, out var bucket) ? bucket : (capacity, now);
            if (now > refilledAt)
            {
                tokens = Math.Min(capacity, tokens + ((now - refilledAt).TotalSeconds * rate));
            }
            var taken = tokens >= 1;
            wait = taken ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - tokens) / rate);
            _buckets[channel] = (taken ? tokens - 1 : tokens, now > refilledAt ? now : refilledAt);
            return taken;
        }
    }

    /// <summary>Takes one send into the channel's conversation <paramref name="conversationId"/>, or says how long to wait.</summary>
    public bool TryTakeConversation(ChannelKind channel, string conversationId, DateTimeOffset now, out TimeSpan wait)
    {
        var limit = Math.Max(1, PaceOf(channel).MessagesPerConversationPerSecond);
        var conversation = (channel, conversationId);
        lock (_gate)
        {
            if (_heldUntil.TryGetValue(conversation, out var until))
            {
                if (until > now)
                {
                    wait = until - now;
                    return false;
                }
                _heldUntil.Remove(conversation);
            }
            if (!_perConversation.TryGetValue(conversation, out var sent))
            {
                sent = new Queue<DateTimeOffset>();
                _perConversation[conversation] = sent;
            }
            while (sent.Count > 0 && now - sent.Peek() >= TimeSpan.FromSeconds(1))
            {
                sent.Dequeue();
            }
            if (sent.Count >= limit)
            {
                wait = sent.Peek() + TimeSpan.FromSeconds(1) - now;
                return false;
            }
            sent.Enqueue(now);
            if (_perConversation.Count > 10_000)
            {
                Prune(now);
            }
            wait = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>The channel asked us to wait (429 Retry-After): nothing more into that conversation until then.</summary>
    public void Hold(ChannelKind channel, string conversationId, DateTimeOffset until)
    {
        var conversation = (channel, conversationId);
        lock (_gate)
        {
            _heldUntil[conversation] = _heldUntil.TryGetValue(conversation, out var existing) && existing > until ? existing : until;
        }
    }

    private OutboxPace PaceOf(ChannelKind channel) => paces.GetValueOrDefault(channel, OutboxPace.Unregistered);

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _perConversation.Where(p => p.Value.Count == 0 || now - p.Value.Last() >= TimeSpan.FromSeconds(1)).Select(p => p.Key).ToList())
        {
            _perConversation.Remove(key);
        }
    }
}
