using LearningBot.Core.Modules;

namespace LearningBot.Teams;

/// <summary>Fails start-up with a message saying what to set, instead of failing on the first activity.</summary>
internal sealed class TeamsOptionsValidator : OptionsRules<TeamsOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(TeamsOptions options)
    {
        yield return (options.IsDevelopmentMode || !string.IsNullOrWhiteSpace(options.AppPassword),
            "LearningBot:Teams:AppPassword is empty but AppId is set; set the app registration's client secret, or clear AppId for local development mode.");
        yield return (IsHttpsOrLoopbackHttp(options.OpenIdMetadataUrl),
            $"LearningBot:Teams:OpenIdMetadataUrl '{options.OpenIdMetadataUrl}' must be an https URL (http is allowed only for loopback test servers).");
        yield return (options.MaxRequestBodyBytes >= 1024,
            $"LearningBot:Teams:MaxRequestBodyBytes is {options.MaxRequestBodyBytes}; it must be at least 1024 bytes (Teams activities are up to ~100 KB).");
        yield return (options.MessagesPerSecond is > 0 and < 50,
            "LearningBot:Teams:MessagesPerSecond must be above 0 and below 50 (Teams allows 50 per tenant).");
        yield return (options.MessagesPerConversationPerSecond is >= 1 and <= 7,
            "LearningBot:Teams:MessagesPerConversationPerSecond must be from 1 to 7 (Teams allows 7).");
    }
}
