using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace LearningBot.Core.Modules;

/// <summary>What a feature can declare: its options, handlers, composers and scheduled jobs, in one vocabulary.</summary>
public sealed class FeatureRegistration
{
    private readonly IConfiguration _configuration;

    internal FeatureRegistration(IServiceCollection services, IConfiguration configuration)
    {
        Services = services;
        _configuration = configuration;
    }

    /// <summary>The container, for the feature's own services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its configuration section once and validates it at start-up with
    /// <typeparamref name="TValidator"/>, so a wrong setting stops the bot with a message saying what to set.
    /// </summary>
    public FeatureRegistration Options<TOptions, TValidator>(string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        Services.AddOptions<TOptions>().Bind(_configuration.GetSection(section)).ValidateOnStart();
        Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return this;
    }

    /// <summary>A typed command ("quiz", "kudos").</summary>
    public FeatureRegistration Command<THandler>()
        where THandler : class, ICommandHandler
    {
        Services.AddScoped<ICommandHandler, THandler>();
        return this;
    }

    /// <summary>The card buttons whose verbs <typeparamref name="THandler"/> owns.</summary>
    public FeatureRegistration CardActions<THandler>()
        where THandler : class, ICardActionHandler
    {
        Services.AddScoped<ICardActionHandler, THandler>();
        return this;
    }

    /// <summary>A handler of reactions.</summary>
    public FeatureRegistration Reactions<THandler>()
        where THandler : class, IReactionHandler
    {
        Services.AddScoped<IReactionHandler, THandler>();
        return this;
    }

    /// <summary>Composes the outbox messages of one or more kinds when they are delivered.</summary>
    public FeatureRegistration Composer<TComposer>()
        where TComposer : class, IOutboxComposer
    {
        Services.AddScoped<IOutboxComposer, TComposer>();
        return this;
    }

    /// <summary>
    /// A job the one scheduler runs every <paramref name="interval"/> (read from the feature's bound options; null
    /// when the feature's scheduling is switched off in this instance).
    /// </summary>
    public FeatureRegistration Job<TJob, TOptions>(JobKey key, Func<TOptions, TimeSpan?> interval)
        where TJob : class, IJob
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(interval);
        Services.AddSingleton(new ScheduledJob(typeof(TJob), key, sp => interval(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        return this;
    }
}
