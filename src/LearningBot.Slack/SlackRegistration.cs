using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Slack.Api;
using LearningBot.Slack.Inbound;
using LearningBot.Slack.Installations;
using LearningBot.Slack.Outbound;
using LearningBot.Slack.SocketMode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack;

/// <summary>Adds the Slack channel to the host.</summary>
public static class SlackRegistration
{
    /// <summary>
    /// Registers the Slack channel: options (section LearningBot:Slack, validated at start), signature check, Web API
    /// client, installations, the reply delivery, the turn mappers, the acknowledgements, the after-ack work queue, and
    /// the Socket Mode client (which stays idle unless SocketMode is true).
    /// </summary>
    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        // The outbox pace moved here from LearningBot:Outbox:SlackMessagesPerSecond and :SlackMessagesPerConversationPerSecond; those still count.
        services.Configure<SlackOptions>(o => (o.MessagesPerSecond, o.MessagesPerConversationPerSecond) =
            OutboxPace.WithFormerOutboxKeys(configuration, SlackOptions.Section, "Slack", new(o.MessagesPerSecond, o.MessagesPerConversationPerSecond)));
        services.AddDataProtection();

        services.AddHttpClient<SlackApiClient>((sp, client) =>
        {
            var slack = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            client.BaseAddress = new Uri(slack.ApiBaseUrl.EndsWith('/') ? slack.ApiBaseUrl : slack.ApiBaseUrl + "/");
            // Each try is timed by SlackApiClient on the bot's clock (ApiTimeout), and retried there; this is only a backstop.
            client.Timeout = slack.ApiTimeout + TimeSpan.FromSeconds(30);
        });
        services.AddHttpClient<Core.Conversations.ISharedFileDownloader, Files.SlackFileDownloader>(client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackChannelPacer>();
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackBotIdentityCache>();
        services.AddScoped<SlackInstallationStore>();
        // One delivery for replies and proactive messages; one runner and one turn mapper per payload kind.
        services.AddScoped<SlackReplyDelivery>();
        services.AddScoped<SlackChannelAccess>();
        services.AddScoped<SlackTurnBuilder>();
        services.AddScoped<SlackTurnRunner>();
        services.AddScoped<SlackEventProcessor>();
        services.AddScoped<SlackCommandProcessor>();
        services.AddScoped<SlackInteractionProcessor>();
        services.AddScoped<SlackRequestGate>();
        services.AddScoped<SlackHttpEndpoint>();
        services.AddScoped<SlackOAuthEndpoint>();
        services.AddScoped<IProactiveMessenger, SlackProactiveMessenger>();
        services.AddScoped<IChannelPeopleLookup, SlackPeopleLookup>();
        // What the core knows of Slack: the outbox pace above, and that an account's tenant is its workspace, the team
        // id its learning channels keep.
        services.AddSingleton(sp =>
        {
            var slack = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            return new ChannelTraits(ChannelKind.Slack, new(slack.MessagesPerSecond, slack.MessagesPerConversationPerSecond), AccountTenantIsTeam: true,
                AddBotHint: "Invite me there with **/invite @LearningBot** (or ask someone in the channel to), then try again.");
        });

        // One acknowledgement for HTTP and Socket Mode, in front of the after-ack work queue.
        services.AddSingleton<SlackAcknowledgements>();
        services.AddSingleton<SlackWorkQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackWorkQueue>());
        services.AddSingleton<SlackSocketModeClient>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeClient>());
        return services;
    }
}
