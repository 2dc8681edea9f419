using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// Post-project debriefs: the command, card buttons, participant cards and summaries in the outbox, and the job
/// that sends reminders and closes debriefs (when <see cref="DebriefOptions.SchedulingEnabled"/>).
/// </summary>
public sealed class DebriefFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<DebriefOptions, DebriefOptionsValidator>(DebriefOptions.Section)
            .Command<DebriefCommand>()
            .CardActions<DebriefCardActions>()
            .Composer<DebriefCardComposer>()
            .Job<DebriefCheckJob, DebriefOptions>(DebriefCheckJob.Key, o => o.SchedulingEnabled ? o.CheckInterval : null);

        var services = feature.Services;
        services.AddScoped<DebriefSummaries>();
        services.AddScoped<DebriefService>();
        services.AddScoped<DebriefAnswers>();
        services.AddScoped<DebriefClosing>();
        services.AddScoped<DebriefLessonDecisions>();
        services.AddScoped<DebriefScheduler>();
        services.AddScoped<IOutboxComposer>(sp => new DebriefSummaryComposer(sp.GetRequiredService<DebriefSummaries>(), DebriefService.SummaryKind, forManager: true));
        services.AddScoped<IOutboxComposer>(sp => new DebriefSummaryComposer(sp.GetRequiredService<DebriefSummaries>(), DebriefService.SharedKind, forManager: false));
    }
}
