using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace LearningBot.Core.Recognition;

public static class RecognitionRegistration
{
    /// <summary>
    /// Peer recognition: kudos, reactions, learning shares, the leaderboard, badges and the shoutout digest. With
    /// <see cref="RecognitionOptions.SchedulingEnabled"/> (the default), also the Quartz job that writes due digests.
    /// </summary>
    public static IServiceCollection AddRecognition(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<RecognitionOptions>();
        var section = configuration?.GetSection(RecognitionOptions.Section);
        if (section is not null)
        {
            options.Bind(section);
        }
        options.Validate(o => o.DailyAllowance is >= 1 and <= 100, "LearningBot:Recognition:DailyAllowance must be from 1 to 100.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _), "LearningBot:Recognition:DefaultTimeZone must be an IANA time zone, e.g. Europe/Berlin.")
            .Validate(o => o.DigestCheckInterval >= TimeSpan.FromSeconds(10), "LearningBot:Recognition:DigestCheckInterval must be at least 10 seconds.")
            .Validate(o => o.EffectiveBadges.All(b => b.Id.Length is > 0 and <= 60 && b.Threshold >= 1) && o.EffectiveBadges.Select(b => b.Id).Distinct().Count() == o.EffectiveBadges.Count,
                "LearningBot:Recognition:Badges need a unique Id (up to 60 characters) and a Threshold of at least 1 each.")
            .ValidateOnStart();

        services.AddOutbox(configuration);
        services.TryAddScoped<RecognitionLedger>();
        services.TryAddScoped<RecognitionService>();
        services.TryAddScoped<BadgeAwarder>();
        services.TryAddScoped<Leaderboard>();
        services.TryAddScoped<ShoutoutDigestScheduler>();
        services.AddScoped<ICommandHandler, KudosCommand>();
        services.AddScoped<ICommandHandler, ShareCommand>();
        services.AddScoped<ICommandHandler, LeaderboardCommand>();
        services.AddScoped<ICommandHandler, LearningChannelCommand>();
        services.AddScoped<IReactionHandler, RecognitionReactionHandler>();
        services.AddScoped<ICardActionHandler, RecogniseThisAction>();
        services.AddScoped<IOutboxComposer, RecognitionPostComposer>();
        services.AddScoped<IOutboxComposer, ShoutoutDigestComposer>();

        var scheduling = new RecognitionOptions();
        section?.Bind(scheduling);
        if (scheduling.SchedulingEnabled)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<ShoutoutDigestJob>(job => job.WithIdentity(ShoutoutDigestJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(ShoutoutDigestJob.Key)
                    .WithIdentity("shoutout-digest-every-interval", "recognition")
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(scheduling.DigestCheckInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
            services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        }
        return services;
    }
}
