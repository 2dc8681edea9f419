namespace LearningBot.Core.Debriefs;

/// <summary>One question of a debrief template (configuration): its id, wording and kind of answer.</summary>
public sealed class DebriefQuestion
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public DebriefQuestionKind Kind { get; set; }
}
