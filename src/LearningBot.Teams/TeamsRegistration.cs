using LearningBot.Teams.Auth;
using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Teams.Connector;
using LearningBot.Teams.Inbound;
using LearningBot.Teams.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace LearningBot.Teams;

/// <summary>Adds the Teams channel to the host.</summary>
public static class TeamsRegistration
{
    /// <summary>Retries after a 429/412/502/503/504 (teams-protocol.md §3.4); bounded so a dead conversation does not hold a request.</summary>
    public const int MaxConnectorRetries = 4;

    /// <summary>Registers the Teams channel: options (section LearningBot:Teams), inbound auth, the Connector client and the endpoint.</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TeamsOptions>()
            .Bind(configuration.GetSection(TeamsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        // The outbox pace moved here from LearningBot:Outbox:MessagesPerSecond and :MessagesPerConversationPerSecond; those still count.
        services.Configure<TeamsOptions>(o => (o.MessagesPerSecond, o.MessagesPerConversationPerSecond) =
            OutboxPace.WithFormerOutboxKeys(configuration, TeamsOptions.Section, "", new(o.MessagesPerSecond, o.MessagesPerConversationPerSecond)));

        services.AddHttpClient(BotFrameworkSigningKeys.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(BotFrameworkTokenProvider.HttpClientName);
        services.AddSingleton<BotFrameworkSigningKeys>();
        services.AddSingleton<BotFrameworkTokenValidator>();
        services.AddSingleton<BotFrameworkTokenProvider>();
        services.AddSingleton<TrustedServiceUrls>();

        services.AddHttpClient<Core.Conversations.ISharedFileDownloader, Files.TeamsFileDownloader>(client => client.Timeout = TimeSpan.FromSeconds(60));

        services.AddHttpClient<ConnectorClient>()
            .AddResilienceHandler("teams-connector", (pipeline, context) =>
            {
                // Waits go through the app's clock, so tests control them.
                var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline.TimeProvider = clock;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = MaxConnectorRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    MaxDelay = TimeSpan.FromSeconds(30),
                    // Retry-After is read below: Polly would not bound a delay the server asks for.
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException } => true,
                        // A wait longer than MaxRetryAfter is not done inside a request; the caller gets the 429.
                        { Result: { } response } => ConnectorClient.IsTransient(response.StatusCode)
                            && !(ConnectorClient.RetryAfter(response, clock.GetUtcNow()) > ConnectorClient.MaxRetryAfter),
                        _ => false,
                    }),
                    // §3.4: honour Retry-After when present; otherwise exponential backoff with jitter.
                    DelayGenerator = args => ValueTask.FromResult(
                        args.Outcome.Result is { } response ? ConnectorClient.RetryAfter(response, clock.GetUtcNow()) : null),
                });
            });

        services.AddSingleton<ActivityRequestReader>();
        services.AddScoped<TeamsReplyDelivery>();
        services.AddScoped<TeamsMessagesEndpoint>();
        services.AddScoped<IProactiveMessenger, TeamsProactiveMessenger>();
        services.AddScoped<IChannelPeopleLookup, TeamsPeopleLookup>();
        // What the core knows of Teams: the outbox pace above, and that an account's tenant is its Entra tenant, which
        // holds every team of the organisation.
        services.AddSingleton(sp =>
        {
            var teams = sp.GetRequiredService<IOptions<TeamsOptions>>().Value;
            return new ChannelTraits(ChannelKind.Teams, new(teams.MessagesPerSecond, teams.MessagesPerConversationPerSecond), AccountTenantIsTeam: false,
                AddBotHint: "Add LearningBot to that team or chat (or ask its owner to), then try again.");
        });
        return services;
    }

}
