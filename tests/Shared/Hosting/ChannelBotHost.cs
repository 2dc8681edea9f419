using LearningBot.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Testing;

/// <summary>
/// What the Teams and Slack test hosts share: the real host underneath, its client, logs and services, and the clock
/// the test moves. Each channel's host adds how it is started and what it sends.
/// </summary>
public abstract class ChannelBotHost(LearningBotTestHost host, FakeTimeProvider clock) : IAsyncDisposable
{
    /// <summary>A client for the bot's own endpoints.</summary>
    public HttpClient Client => host.Client;

    /// <summary>The bot's clock; tests move it.</summary>
    public FakeTimeProvider Clock { get; } = clock;

    /// <summary>What the bot logged.</summary>
    public CapturedLogs Logs => host.Logs;

    /// <summary>The bot's services, to look at what it stored.</summary>
    public IServiceProvider Services => host.Services;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => host.DisposeAsync();
}
