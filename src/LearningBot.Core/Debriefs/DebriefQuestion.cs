namespace LearningBot.Core.Debriefs;

public sealed class DebriefQuestion
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public DebriefQuestionKind Kind { get; set; }
}
