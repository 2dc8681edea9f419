using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// Every log line of debriefs, event ids 900–949: 900s starting, 910s answers, 920s closing, 930s lessons. Lines carry
/// debrief, participant, lesson and person ids, never what people wrote.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Debrief {DebriefId} started by {ManagerPersonId} with {Participants} participants ({Template} template), due {Deadline}")]
    public static partial void Started(ILogger logger, Guid debriefId, Guid managerPersonId, int participants, string template, DateTimeOffset deadline);

    [LoggerMessage(901, LogLevel.Debug, "Debrief start {StartEventId} arrived again; the debrief was started once")]
    public static partial void StartRepeated(ILogger logger, string startEventId);

    [LoggerMessage(902, LogLevel.Information, "Person {PersonId} asked to start a debrief but is not a manager; told who can")]
    public static partial void StartRefused(ILogger logger, Guid personId);

    [LoggerMessage(910, LogLevel.Information, "Debrief {DebriefId}: participant {ParticipantId} saved their answers")]
    public static partial void AnswersSaved(ILogger logger, Guid debriefId, long participantId);

    [LoggerMessage(911, LogLevel.Information, "Debrief {DebriefId}: participant {ParticipantId} submitted, proposing {Lessons} lessons")]
    public static partial void Submitted(ILogger logger, Guid debriefId, long participantId, int lessons);

    [LoggerMessage(920, LogLevel.Information, "Debrief {DebriefId} closed with {Submitted} of {Participants} answers; summary queued for the manager and {Shared} participants")]
    public static partial void Closed(ILogger logger, Guid debriefId, int submitted, int participants, int shared);

    [LoggerMessage(930, LogLevel.Information, "Debrief {DebriefId}: lesson {DebriefLessonId} published as {LessonId}")]
    public static partial void Published(ILogger logger, Guid debriefId, long debriefLessonId, string lessonId);

    [LoggerMessage(931, LogLevel.Information, "Debrief {DebriefId}: lesson {DebriefLessonId} skipped")]
    public static partial void Skipped(ILogger logger, Guid debriefId, long debriefLessonId);

    [LoggerMessage(932, LogLevel.Warning, "Debrief {DebriefId}: lesson {DebriefLessonId} could not be published ({Rule}); it is proposed again")]
    public static partial void PublishRejected(ILogger logger, Guid debriefId, long debriefLessonId, string rule);
}
