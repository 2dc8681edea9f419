using LearningBot.Core.Modules;

namespace LearningBot.Slack;

/// <summary>Fails start-up with a message saying what to set, instead of failing on the first event.</summary>
internal sealed class SlackOptionsValidator : OptionsRules<SlackOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(SlackOptions options)
    {
        yield return (IsHttpsOrLoopbackHttp(options.ApiBaseUrl),
            $"LearningBot:Slack:ApiBaseUrl '{options.ApiBaseUrl}' must be an https URL (http is allowed only for loopback test servers).");
        yield return (string.IsNullOrWhiteSpace(options.BotToken) || options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal),
            "LearningBot:Slack:BotToken must be a bot token starting with 'xoxb-' (OAuth & Permissions page).");
        yield return (string.IsNullOrWhiteSpace(options.AppToken) || options.AppToken.StartsWith("xapp-", StringComparison.Ordinal),
            "LearningBot:Slack:AppToken must be an app-level token starting with 'xapp-' (Basic Information → App-Level Tokens, scope connections:write).");
        yield return (!options.SocketMode || !string.IsNullOrWhiteSpace(options.AppToken),
            "LearningBot:Slack:SocketMode is true but AppToken is empty; create an app-level token with connections:write, or set SocketMode to false.");
        var receives = options.IsEnabled || options.SocketMode;
        yield return (!receives || !string.IsNullOrWhiteSpace(options.BotToken) || options.IsOAuthEnabled,
            "Slack is switched on but there is no way to get a bot token: set LearningBot:Slack:BotToken (one workspace) or ClientId and ClientSecret (install into several workspaces).");
        yield return (string.IsNullOrWhiteSpace(options.ClientId) == string.IsNullOrWhiteSpace(options.ClientSecret),
            "LearningBot:Slack:ClientId and ClientSecret go together (OAuth install); set both or neither.");
        yield return (options.MaxRequestBodyBytes >= 1024,
            $"LearningBot:Slack:MaxRequestBodyBytes is {options.MaxRequestBodyBytes}; it must be at least 1024 bytes.");
        yield return (options.CommandAckBudget >= TimeSpan.Zero && options.CommandAckBudget < TimeSpan.FromSeconds(3),
            "LearningBot:Slack:CommandAckBudget must be from 0 to under 3 seconds: Slack gives up on a slash command after 3 s.");
        yield return (options.PerChannelMessageInterval >= TimeSpan.Zero,
            "LearningBot:Slack:PerChannelMessageInterval must not be negative.");
        yield return (options.ApiTimeout > TimeSpan.Zero && options.ApiTimeout <= TimeSpan.FromMinutes(2),
            "LearningBot:Slack:ApiTimeout must be above 0 and at most 2 minutes (default 00:00:10).");
        yield return (options.ApiRetryDelay >= TimeSpan.Zero && options.ApiRetryDelay <= TimeSpan.FromSeconds(30),
            "LearningBot:Slack:ApiRetryDelay must be from 0 to 30 seconds (default 00:00:01).");
        yield return (options.ApiRetryBudget >= TimeSpan.Zero && options.ApiRetryBudget <= TimeSpan.FromMinutes(10),
            "LearningBot:Slack:ApiRetryBudget must be from 0 to 10 minutes (default 00:01:00); 0 means no retries after a connection failure, timeout or 5xx.");
        yield return (options.WorkQueueCapacity is >= 1 and <= 1_000_000,
            $"LearningBot:Slack:WorkQueueCapacity is {options.WorkQueueCapacity}; it must be from 1 to 1000000 (default 1000).");
        yield return (options.MessagesPerSecond > 0 && options.MessagesPerConversationPerSecond >= 1,
            "LearningBot:Slack:MessagesPerSecond must be above 0 and MessagesPerConversationPerSecond at least 1.");
    }
}
