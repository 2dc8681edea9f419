namespace LearningBot.Core.Debriefs;

/// <summary>What the start form (or the typed command) asks for; the input ids are the form's.</summary>
public sealed record DebriefForm(string Project, string People, string? Due, string Template)
{
    public const string ProjectInput = "project";
    public const string PeopleInput = "people";
    public const string DueInput = "due";
    public const string TemplateInput = "template";

    /// <summary>The rendered form's id: a double-clicked Start starts one debrief.</summary>
    public string Id { get; init; } = "";
}
