namespace LearningBot.Core.Recognition;

/// <summary>A badge: earned once <see cref="Measure"/> reaches <see cref="Threshold"/>.</summary>
public sealed class BadgeRule
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Completes "Ada …", e.g. "gave their first recognition".</summary>
    public string Description { get; set; } = "";
    public BadgeMeasure Measure { get; set; }
    public int Threshold { get; set; } = 1;
}
