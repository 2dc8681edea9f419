using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LearningBot.Core.Outbox;

/// <summary>The one outbox registration.</summary>
public static class OutboxRegistration
{
    /// <summary>The outbox: options, writer, plain-text composer, pacing (at the rates the channels registered) and the delivery worker (a hosted service; it only runs inside a host).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        new FeatureRegistration(services, configuration).Options<OutboxOptions, OutboxOptionsValidator>(OutboxOptions.Section)
            .Composer<TextOutboxComposer>();
        // Each channel paces at the rate it registered with its traits.
        services.AddSingleton(sp => new OutboxPacer(sp.GetServices<ChannelTraits>()));
        services.AddScoped<OutboxWriter>();
        services.AddSingleton<OutboxDeliveryWorker>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OutboxDeliveryWorker>());
        return services;
    }
}
