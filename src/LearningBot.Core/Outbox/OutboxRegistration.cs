using LearningBot.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Outbox;

/// <summary>The one outbox registration.</summary>
public static class OutboxRegistration
{
    /// <summary>The outbox: options, writer, plain-text composer, pacing and the delivery worker (a hosted service; it only runs inside a host).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        new FeatureRegistration(services, configuration).Options<OutboxOptions, OutboxOptionsValidator>(OutboxOptions.Section)
            .Composer<TextOutboxComposer>();
        services.AddSingleton(sp => new OutboxPacer(sp.GetRequiredService<IOptions<OutboxOptions>>().Value));
        services.AddScoped<OutboxWriter>();
        services.AddSingleton<OutboxDeliveryWorker>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OutboxDeliveryWorker>());
        return services;
    }
}
