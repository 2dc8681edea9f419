using LearningBot.Core.Kernel;

namespace LearningBot.Core.Debriefs;

/// <summary>The steps debrief cards act on; a stale or repeated click finds its step gone and changes nothing.</summary>
internal static class DebriefSteps
{
    /// <summary>A participant answers until they submit; Submit moves them on once.</summary>
    public static readonly CardStep<DebriefParticipantRecord> Answering = new(p => p.SubmittedAt == null);

    /// <summary>A debrief takes answers until it closes (everyone submitted, or the deadline passed); it closes once.</summary>
    public static readonly CardStep<DebriefRecord> Open = new(d => d.ClosedAt == null);

    /// <summary>A proposed lesson waits for the manager's Publish or Skip; one decision wins.</summary>
    public static readonly CardStep<DebriefLessonRecord> Proposed = new(l => l.Status == DebriefLessonStatus.Proposed);
}
