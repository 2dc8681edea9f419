using LearningBot.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Recognition;

/// <summary>
/// Peer recognition: kudos, reactions, learning shares, the leaderboard, badges and the shoutout digest, with the
/// job that writes due digests (when <see cref="RecognitionOptions.SchedulingEnabled"/>).
/// </summary>
public sealed class RecognitionFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<RecognitionOptions, RecognitionOptionsValidator>(RecognitionOptions.Section)
            .Command<KudosCommand>()
            .Command<ShareCommand>()
            .Command<LeaderboardCommand>()
            .Command<LearningChannelCommand>()
            .Reactions<RecognitionReactionHandler>()
            .CardActions<RecogniseThisAction>()
            .Composer<RecognitionPostComposer>()
            .Composer<ShoutoutDigestComposer>()
            .Job<ShoutoutDigestJob, RecognitionOptions>(ShoutoutDigestJob.Key, o => o.SchedulingEnabled ? o.DigestCheckInterval : null);

        var services = feature.Services;
        services.AddScoped<RecognitionLedger>();
        services.AddScoped<RecognitionService>();
        services.AddScoped<BadgeAwarder>();
        services.AddScoped<Leaderboard>();
        services.AddScoped<ShoutoutDigestScheduler>();
    }
}
