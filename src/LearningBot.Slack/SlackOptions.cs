using Microsoft.Extensions.Options;

namespace LearningBot.Slack;

/// <summary>
/// Section <c>LearningBot:Slack</c>. The Slack endpoints answer 404 while <see cref="SigningSecret"/> is empty, so a
/// deployment without Slack exposes nothing; <see cref="SocketMode"/> switches from HTTP to an outbound WebSocket.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "LearningBot:Slack";

    /// <summary>The app's Signing Secret (Basic Information page), for request verification (slack-protocol.md §1).</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>xoxb- bot token of a single-workspace install; used when no stored installation matches the team.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>xapp- app-level token with connections:write, for Socket Mode (§7).</summary>
    public string AppToken { get; set; } = "";

    /// <summary>true: receive events over Socket Mode (no public URL) and leave the HTTP endpoints unmapped (404).</summary>
    public bool SocketMode { get; set; }

    /// <summary>Web API base URL; tests and company proxies stand in for slack.com here.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>OAuth v2 client id and secret for multi-workspace installs (§8); empty = /slack/install is off.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Where Slack sends the installer back; must be one of the app's redirect URLs. Empty = Slack's default.</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>Slack's consent page; configurable like <see cref="ApiBaseUrl"/> for tests and proxies.</summary>
    public string AuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>
    /// Bot scopes requested on install: exactly manifest/slack/manifest.yaml's (a test holds the two equal).
    /// users:read.email links people by email (debrief managers, role tracks); channels:join lets the bot join a public
    /// channel it is asked to post in; the four *:history scopes let it check whether a post whose answer was lost
    /// (a dropped connection, a timeout, a 5xx) reached the conversation before it posts again. A workspace installed
    /// with fewer scopes must reinstall to get the new ones.
    /// </summary>
    public IList<string> BotScopes { get; set; } =
    [
        "app_mentions:read", "chat:write", "commands", "im:history", "im:write", "reactions:read",
        "channels:read", "channels:join", "groups:read", "users:read", "users:read.email",
        "channels:history", "groups:history", "mpim:history", "files:read",
    ];

    /// <summary>Largest request body accepted; Slack payloads are a few KB, views at most 250 kB (§6).</summary>
    public int MaxRequestBodyBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// Least time between two replies the bot posts into one channel (chat.postMessage: 1 per second per channel). The
    /// outbox's messages are paced by the outbox instead, at <see cref="MessagesPerConversationPerSecond"/>.
    /// </summary>
    public TimeSpan PerChannelMessageInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Messages the outbox sends to Slack per second, in all (slack-protocol.md §5.1: "several hundred per minute" per
    /// workspace). Formerly <c>LearningBot:Outbox:SlackMessagesPerSecond</c>, which is still read when this key is not set.
    /// </summary>
    public double MessagesPerSecond { get; set; } = 4;

    /// <summary>
    /// Messages the outbox sends into one Slack channel or DM per second (§5.1: about 1). Formerly
    /// <c>LearningBot:Outbox:SlackMessagesPerConversationPerSecond</c>, which is still read when this key is not set.
    /// </summary>
    public int MessagesPerConversationPerSecond { get; set; } = 1;

    /// <summary>
    /// How long a slash command (or a modal submission) may run before the ack goes out without its answer, which then
    /// follows through response_url (or as a message); and how long any acknowledgement waits for room in a full work
    /// queue (<see cref="WorkQueueCapacity"/>). Slack waits 3 s (slack-protocol.md §2.2, §3, §4); the default leaves
    /// room for the network.
    /// </summary>
    public TimeSpan CommandAckBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>
    /// How long one Web API call attempt waits for Slack's answer before it counts as timed out (and is retried, see
    /// <see cref="Api.SlackApiClient"/>).
    /// </summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The first wait before a Web API call is retried after a connection failure, a timeout or a 5xx; it doubles each
    /// time (with jitter, at most 30 s), as the Teams Connector client's does.
    /// </summary>
    public TimeSpan ApiRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most time one Web API call spends on retries, waits included; after it the caller (or the outbox) gets the failure.</summary>
    public TimeSpan ApiRetryBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Slack payloads acknowledged but not yet started (events, clicks, commands) that the work queue holds. When it is
    /// full, an acknowledgement waits up to <see cref="CommandAckBudget"/> for room; if none comes, Slack is answered so
    /// that it retries (an event: 503; over Socket Mode: no ack) or the person is told (a command) — nothing is
    /// acknowledged and dropped.
    /// </summary>
    public int WorkQueueCapacity { get; set; } = 1000;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool IsOAuthEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
