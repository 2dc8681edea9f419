using LearningBot.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LearningBot.Core.Outbox;

public static class OutboxRegistration
{
    /// <summary>The outbox: writer, composers, pacing (at the rates the channels registered) and the delivery worker (a hosted service; it only runs inside a host).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<OutboxOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(OutboxOptions.Section));
        }
        options.Validate(o => o.MaxAttempts >= 1, "LearningBot:Outbox:MaxAttempts must be at least 1.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(30), "LearningBot:Outbox:Lease must be at least 30 seconds, longer than one send with its retries.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Each channel paces at the rate it registered with its traits.
        services.TryAddSingleton(sp => new OutboxPacer(sp.GetServices<ChannelTraits>()));
        services.TryAddScoped<OutboxWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxComposer, TextOutboxComposer>());
        services.TryAddSingleton<OutboxDeliveryWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDeliveryWorker>(sp => sp.GetRequiredService<OutboxDeliveryWorker>()));
        return services;
    }
}
