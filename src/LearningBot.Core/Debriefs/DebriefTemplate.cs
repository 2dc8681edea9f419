namespace LearningBot.Core.Debriefs;

/// <summary>A list of questions; <see cref="Open"/> shares every answer with all participants when the debrief closes.</summary>
public sealed class DebriefTemplate
{
    public bool Open { get; set; }
    public IList<DebriefQuestion> Questions { get; } = [];
}
