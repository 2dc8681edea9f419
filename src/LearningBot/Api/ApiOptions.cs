namespace LearningBot.Api;

/// <summary>Section <c>LearningBot:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "LearningBot:Api";

    /// <summary>Key callers send in the X-Api-Key header. Empty = the /api/* endpoints are switched off (404).</summary>
    public string Key { get; set; } = "";
}
