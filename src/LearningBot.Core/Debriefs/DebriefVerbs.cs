namespace LearningBot.Core.Debriefs;

/// <summary>The card-action verbs of debriefs.</summary>
public static class DebriefVerbs
{
    public const string Save = "debrief.save";
    public const string Submit = "debrief.submit";
    public const string Publish = "debrief.publish";
    public const string Skip = "debrief.skip";
    public const string Edit = "debrief.edit";
    public const string Start = "debrief.start";
}
