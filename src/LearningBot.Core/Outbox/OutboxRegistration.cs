using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Outbox;

public static class OutboxRegistration
{
    /// <summary>The outbox: writer, composers, pacing and the delivery worker (a hosted service; it only runs inside a host).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<OutboxOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(OutboxOptions.Section));
        }
        options.Validate(o => o.MessagesPerSecond is > 0 and < 50, "LearningBot:Outbox:MessagesPerSecond must be above 0 and below 50 (Teams allows 50 per tenant).")
            .Validate(o => o.MessagesPerConversationPerSecond is >= 1 and <= 7, "LearningBot:Outbox:MessagesPerConversationPerSecond must be from 1 to 7 (Teams allows 7).")
            .Validate(o => o.SlackMessagesPerSecond > 0 && o.SlackMessagesPerConversationPerSecond >= 1, "LearningBot:Outbox:SlackMessagesPerSecond must be above 0 and SlackMessagesPerConversationPerSecond at least 1.")
            .Validate(o => o.MaxAttempts >= 1, "LearningBot:Outbox:MaxAttempts must be at least 1.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(30), "LearningBot:Outbox:Lease must be at least 30 seconds, longer than one send with its retries.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OutboxPacer(sp.GetRequiredService<IOptions<OutboxOptions>>().Value));
        services.TryAddScoped<OutboxWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxComposer, TextOutboxComposer>());
        services.TryAddSingleton<OutboxDeliveryWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDeliveryWorker>(sp => sp.GetRequiredService<OutboxDeliveryWorker>()));
        return services;
    }
}
