namespace LearningBot.Core.Outbox;

/// <summary>
/// Paces sends on the app's clock (teams-protocol.md §3.5): a token bucket for all messages together and a one-second
/// sliding window per conversation. One per process; with several instances, configure MessagesPerSecond per instance.
/// </summary>
public sealed class OutboxPacer(OutboxOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _perConversation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _heldUntil = new(StringComparer.Ordinal);
    private double _tokens = Math.Max(1, options.MessagesPerSecond);
    private DateTimeOffset _refilledAt = DateTimeOffset.MinValue;

    /// <summary>Takes one send from the global budget, or says how long to wait.</summary>
    public bool TryTakeGlobal(DateTimeOffset now, out TimeSpan wait)
    {
        lock (_gate)
        {
            var rate = Math.Max(0.1, options.MessagesPerSecond);
            var capacity = Math.Max(1, rate);
            if (_refilledAt != DateTimeOffset.MinValue && now > _refilledAt)
            {
                _tokens = Math.Min(capacity, _tokens + ((now - _refilledAt).TotalSeconds * rate));
            }
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                wait = TimeSpan.Zero;
                return true;
            }
            wait = TimeSpan.FromSeconds((1 - _tokens) / rate);
            return false;
        }
    }

    /// <summary>Takes one send into <paramref name="conversation"/>, or says how long to wait.</summary>
    public bool TryTakeConversation(string conversation, DateTimeOffset now, out TimeSpan wait)
    {
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
            if (sent.Count >= Math.Max(1, options.MessagesPerConversationPerSecond))
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

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _perConversation.Where(p => p.Value.Count == 0 || now - p.Value.Last() >= TimeSpan.FromSeconds(1)).Select(p => p.Key).ToList())
        {
            _perConversation.Remove(key);
        }
    }
}
