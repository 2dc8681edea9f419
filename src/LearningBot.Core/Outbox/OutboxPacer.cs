namespace LearningBot.Core.Outbox;

/// <summary>
/// Paces sends on the app's clock: a token bucket per channel for all messages together, and a one-second sliding
/// window per conversation (teams-protocol.md §3.5: ≤ 7/s per conversation, 50/s per tenant; slack-protocol.md §5.1:
/// about 1/s per channel, several hundred a minute per workspace). One per process; with several instances, divide
/// the global rates among them.
/// </summary>
public sealed class OutboxPacer(OutboxOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _perConversation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _heldUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Tokens, DateTimeOffset RefilledAt)> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one send from the channel's global budget, or says how long to wait.</summary>
    public bool TryTakeGlobal(string channel, DateTimeOffset now, out TimeSpan wait)
    {
        var rate = Math.Max(0.1, IsSlack(channel) ? options.SlackMessagesPerSecond : options.MessagesPerSecond);
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

    /// <summary>Takes one send into <paramref name="conversation"/> (key "channel:conversation id"), or says how long to wait.</summary>
    public bool TryTakeConversation(string conversation, DateTimeOffset now, out TimeSpan wait)
    {
        var limit = Math.Max(1, IsSlack(conversation) ? options.SlackMessagesPerConversationPerSecond : options.MessagesPerConversationPerSecond);
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
    public void Hold(string conversation, DateTimeOffset until)
    {
        lock (_gate)
        {
            _heldUntil[conversation] = _heldUntil.TryGetValue(conversation, out var existing) && existing > until ? existing : until;
        }
    }

    private static bool IsSlack(string key) => key.StartsWith("Slack", StringComparison.Ordinal);

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _perConversation.Where(p => p.Value.Count == 0 || now - p.Value.Last() >= TimeSpan.FromSeconds(1)).Select(p => p.Key).ToList())
        {
            _perConversation.Remove(key);
        }
    }
}
