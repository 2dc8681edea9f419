using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.Core;

/// <summary>Wires the channel-neutral core once: the turn path, people, the outbox and the features.</summary>
public static class CoreRegistration
{
    /// <summary>
    /// Registers turn processing (dedupe → person → route), the people directory, the one outbox and each of
    /// <paramref name="features"/> (every feature of the product by default, <see cref="LearningBotFeatures.All"/>).
    /// Storage, channels and the scheduler are registered by the host.
    /// </summary>
    public static IServiceCollection AddLearningBotCore(this IServiceCollection services, IConfiguration configuration, IEnumerable<ILearningBotFeature>? features = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<InboundEventLog>();
        services.AddScoped<ConversationReferenceStore>();
        services.AddScoped<PersonalChats>();
        services.AddScoped<PrivateReplies>();
        services.AddScoped<TurnProcessor>();
        services.AddScoped<TurnRouter>();
        services.AddScoped<PersonDirectory>();
        services.AddScoped<PeopleImporter>();
        services.AddScoped<ReportingLines>();
        services.AddOutbox(configuration);

        var registration = new FeatureRegistration(services, configuration);
        foreach (var feature in features ?? LearningBotFeatures.All)
        {
            feature.Register(registration);
        }
        return services;
    }
}
