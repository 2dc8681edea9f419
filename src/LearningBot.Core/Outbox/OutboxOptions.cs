namespace LearningBot.Core.Outbox;

/// <summary>
/// Section LearningBot:Outbox: retries, leases and the worker. How fast a channel may be written to is the channel's
/// (<see cref="Conversations.ChannelTraits.Pace"/>, configured in the channel's own section).
/// </summary>
public sealed class OutboxOptions
{
    public const string Section = "LearningBot:Outbox";

    /// <summary>Tries before a message is given up.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// How long a worker holds a claimed row; after that another worker may take it over (a crash mid-delivery). It
    /// must outlast one send with the Connector's own retries (5 tries × 100 s timeout + 4 waits of up to 60 s ≈
    /// 12 min), or a slow send could be taken over and sent twice.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>First retry wait; doubles each attempt up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the worker looks for due messages when idle.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>False: this process stores outbox rows but does not deliver them (tests, or an instance that only answers).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Rows claimed per pass.</summary>
    public int BatchSize { get; set; } = 100;
}
