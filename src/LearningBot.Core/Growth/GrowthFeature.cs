using LearningBot.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Growth;

/// <summary>
/// Growth conversations: goals (<c>goals</c>), learning buddies (<c>buddy</c>), and the onboarding journey for new hires
/// — welcome, buddy introduction, 30-day goals, check-ins with a summary for the manager — and managers' monthly
/// development check-ins (<c>checkin</c>), run by the one scheduler
/// (when <see cref="GrowthOptions.SchedulingEnabled"/>) through the outbox.
/// </summary>
public sealed class GrowthFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<GrowthOptions, GrowthOptionsValidator>(GrowthOptions.Section)
            .Command<GoalsCommand>()
            .Command<BuddyCommand>()
            .Command<CheckInCommand>()
            .CardActions<GrowthCardActions>()
            .Composer<GrowthWelcomeComposer>()
            .Composer<GrowthBuddyComposer>()
            .Composer<GrowthGoalsComposer>()
            .Composer<GrowthCheckInComposer>()
            .Composer<GrowthGoalsSharedComposer>()
            .Composer<GrowthSummaryComposer>()
            .Composer<GrowthPrepareComposer>()
            .Composer<GrowthConfirmGoalComposer>()
            .Job<OnboardingJob, GrowthOptions>(OnboardingJob.Key, o => o.SchedulingEnabled ? o.CheckInterval : null);

        var services = feature.Services;
        services.AddScoped<GoalService>();
        services.AddScoped<GoalsCommand>();
        services.AddScoped<BuddyMatcher>();
        services.AddScoped<OnboardingService>();
        services.AddScoped<OnboardingScheduler>();
        services.AddScoped<DevelopmentCheckInScheduler>();
        services.AddScoped<DevelopmentService>();
        services.AddScoped<ILearningSharing>(sp => sp.GetRequiredService<DevelopmentService>());
    }
}
