using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Circles;

/// <summary>
/// Every log line of learning circles, event ids 950–999: 950s membership, 960s check-ins, 970s rounds. Lines carry
/// circle, round and person ids, never what members wrote.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(950, LogLevel.Information, "Circle {CircleId} created by {PersonId} with {Members} members, meeting {Cadence}")]
    public static partial void Created(ILogger logger, Guid circleId, Guid personId, int members, CircleCadence cadence);

    [LoggerMessage(951, LogLevel.Information, "Person {PersonId} joined circle {CircleId}")]
    public static partial void Joined(ILogger logger, Guid circleId, Guid personId);

    [LoggerMessage(952, LogLevel.Information, "Person {PersonId} chose {Change} in circle {CircleId}")]
    public static partial void MembershipChanged(ILogger logger, Guid circleId, Guid personId, string change);

    [LoggerMessage(960, LogLevel.Information, "Person {PersonId} checked in for round {RoundId} of circle {CircleId}")]
    public static partial void CheckedIn(ILogger logger, Guid circleId, long roundId, Guid personId);

    [LoggerMessage(970, LogLevel.Information, "Circle {CircleId} round {Round} opened: {CheckIns} check-in cards queued")]
    public static partial void RoundOpened(ILogger logger, Guid circleId, int round, int checkIns);

    [LoggerMessage(971, LogLevel.Information, "Circle {CircleId} round {Round} round-up queued: {CheckedIn} of {Members} checked in, facilitator {FacilitatorPersonId}")]
    public static partial void RoundUpQueued(ILogger logger, Guid circleId, int round, int checkedIn, int members, Guid? facilitatorPersonId);
}
