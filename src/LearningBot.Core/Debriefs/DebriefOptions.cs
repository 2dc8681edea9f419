namespace LearningBot.Core.Debriefs;

/// <summary>LearningBot:Debriefs — the templates and the default deadline. Who may start a debrief comes from the people directory.</summary>
public sealed class DebriefOptions
{
    public const string Section = "LearningBot:Debriefs";
    public const string StandardTemplate = "standard";

    /// <summary>Days from start to deadline when the command gives no "by" date.</summary>
    public int DefaultDays { get; set; } = 7;

    /// <summary>Templates by name; when none are configured, <see cref="Defaults"/> are used.</summary>
    public IDictionary<string, DebriefTemplate> Templates { get; } = new Dictionary<string, DebriefTemplate>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the reminder and deadline check runs.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool SchedulingEnabled { get; set; } = true;

    public static IReadOnlyDictionary<string, DebriefTemplate> Defaults { get; } = new Dictionary<string, DebriefTemplate>(StringComparer.OrdinalIgnoreCase)
    {
        [StandardTemplate] = Template(false,
            ("went-well", "What went well?", DebriefQuestionKind.Text),
            ("went-badly", "What didn't go well?", DebriefQuestionKind.Text),
            ("differently", "What would we do differently next time?", DebriefQuestionKind.Text),
            ("lesson", "One lesson others should know", DebriefQuestionKind.Lesson),
            ("rating", "How did the project go overall, from 1 (badly) to 5 (very well)?", DebriefQuestionKind.Rating)),
        ["incident"] = Template(true,
            ("what-happened", "What happened, as you saw it? (No names, no blame.)", DebriefQuestionKind.Text),
            ("helped", "What helped us notice and recover?", DebriefQuestionKind.Text),
            ("system", "What in our systems or process made this possible?", DebriefQuestionKind.Text),
            ("lesson", "One lesson others should know", DebriefQuestionKind.Lesson),
            ("rating", "How well did we respond, from 1 to 5?", DebriefQuestionKind.Rating)),
        ["deal"] = Template(false,
            ("why", "Why did we win or lose this deal?", DebriefQuestionKind.Text),
            ("customer", "What did the customer care about most?", DebriefQuestionKind.Text),
            ("differently", "What would we do differently next time?", DebriefQuestionKind.Text),
            ("lesson", "One lesson others should know", DebriefQuestionKind.Lesson),
            ("rating", "How well did we sell, from 1 to 5?", DebriefQuestionKind.Rating)),
    };

    /// <summary>The configured templates, or the defaults when none are configured.</summary>
    public IReadOnlyDictionary<string, DebriefTemplate> EffectiveTemplates =>
        Templates.Count > 0 ? new Dictionary<string, DebriefTemplate>(Templates, StringComparer.OrdinalIgnoreCase) : Defaults;

    private static DebriefTemplate Template(bool open, params (string Id, string Text, DebriefQuestionKind Kind)[] questions)
    {
        var template = new DebriefTemplate { Open = open };
        foreach (var (id, text, kind) in questions)
        {
            template.Questions.Add(new DebriefQuestion { Id = id, Text = text, Kind = kind });
        }
        return template;
    }
}
