using LearningBot.Core.Outbox;

namespace LearningBot.Core.Conversations;

/// <summary>
/// What the core must know about a channel that no turn carries. Each channel registers one; the core takes the one
/// of the channel at hand (a lookup by <see cref="Channel"/>, never a test of which channel it is).
/// </summary>
/// <param name="Channel">The channel these traits describe.</param>
/// <param name="Pace">How many messages the outbox may send into the channel per second, in all and into one conversation.</param>
/// <param name="AccountTenantIsTeam">
/// True when an account's tenant id (<see cref="ChannelUser.TenantId"/>) is the id of the one team the account belongs
/// to, the id a learning channel keeps as its team: a team's digest then takes in exactly the accounts of that team.
/// False when a tenant spans many teams; nothing then says which team an account is in, and a digest takes in every
/// account of the channel.
/// </param>
/// <param name="AddBotHint">
/// What a person does so that the bot may post in a channel it could not post in, in the channel's words (Slack:
/// invite it; Teams: add the app to the team or chat). Told with the notice that a post failed.
/// </param>
public sealed record ChannelTraits(ChannelKind Channel, OutboxPace Pace, bool AccountTenantIsTeam, string AddBotHint = ChannelTraits.AnyChannelAddBotHint)
{
    /// <summary>The <see cref="AddBotHint"/> of a channel that names none.</summary>
    public const string AnyChannelAddBotHint = "Add me to that channel (or ask its owner to), then try again.";
}
