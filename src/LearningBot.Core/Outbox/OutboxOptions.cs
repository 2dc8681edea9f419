namespace LearningBot.Core.Outbox;

/// <summary>Section LearningBot:Outbox. Pacing follows teams-protocol.md §3.5: ≤ 7 per second per conversation, well under 50 per second per tenant.</summary>
public sealed class OutboxOptions
{
    public const string Section = "LearningBot:Outbox";

    /// <summary>All Teams messages together, per second (Teams allows 50 per app per tenant; stay well under).</summary>
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>Teams messages into one conversation per second (Teams: 7).</summary>
    public int MessagesPerConversationPerSecond { get; set; } = 7;

    /// <summary>All Slack messages together, per second (slack-protocol.md §5.1: "several hundred per minute" per workspace).</summary>
    public double SlackMessagesPerSecond { get; set; } = 4;

    /// <summary>Slack messages into one channel or DM per second (slack-protocol.md §5.1: about 1).</summary>
    public int SlackMessagesPerConversationPerSecond { get; set; } = 1;

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
