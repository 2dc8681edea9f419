using Microsoft.Extensions.Options;

namespace LearningBot.Slack;

/// <summary>Fails start-up with a message saying what to set, instead of failing on the first event.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api)
            || (api.Scheme != Uri.UriSchemeHttps && !(api.Scheme == Uri.UriSchemeHttp && api.IsLoopback)))
        {
            failures.Add($"LearningBot:Slack:ApiBaseUrl '{options.ApiBaseUrl}' must be an https URL (http is allowed only for loopback test servers).");
        }
        if (!string.IsNullOrWhiteSpace(options.BotToken) && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            failures.Add("LearningBot:Slack:BotToken must be a bot token starting with 'xoxb-' (OAuth & Permissions page).");
        }
        if (!string.IsNullOrWhiteSpace(options.AppToken) && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            failures.Add("LearningBot:Slack:AppToken must be an app-level token starting with 'xapp-' (Basic Information → App-Level Tokens, scope connections:write).");
        }
        if (options.SocketMode && string.IsNullOrWhiteSpace(options.AppToken))
        {
            failures.Add("LearningBot:Slack:SocketMode is true but AppToken is empty; create an app-level token with connections:write, or set SocketMode to false.");
        }
        var receives = options.IsEnabled || options.SocketMode;
        if (receives && string.IsNullOrWhiteSpace(options.BotToken) && !options.IsOAuthEnabled)
        {
            failures.Add("Slack is switched on but there is no way to get a bot token: set LearningBot:Slack:BotToken (one workspace) or ClientId and ClientSecret (install into several workspaces).");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("LearningBot:Slack:ClientId and ClientSecret go together (OAuth install); set both or neither.");
        }
        if (options.MaxRequestBodyBytes < 1024)
        {
            failures.Add($"LearningBot:Slack:MaxRequestBodyBytes is {options.MaxRequestBodyBytes}; it must be at least 1024 bytes.");
        }
        if (options.CommandAckBudget < TimeSpan.Zero || options.CommandAckBudget >= TimeSpan.FromSeconds(3))
        {
            failures.Add("LearningBot:Slack:CommandAckBudget must be from 0 to under 3 seconds: Slack gives up on a slash command after 3 s.");
        }
        if (options.PerChannelMessageInterval < TimeSpan.Zero)
        {
            failures.Add("LearningBot:Slack:PerChannelMessageInterval must not be negative.");
        }
        if (options.MessagesPerSecond <= 0 || options.MessagesPerConversationPerSecond < 1)
        {
            failures.Add("LearningBot:Slack:MessagesPerSecond must be above 0 and MessagesPerConversationPerSecond at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
