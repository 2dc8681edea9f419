using System.Globalization;
using System.Text.RegularExpressions;
using LearningBot.Core.Kernel;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// A request to start a debrief, checked: the one-line command and the start form give the same fields and meet the same
/// rules, each problem named under its form field. The deadline is the end of the due day in the manager's time zone.
/// </summary>
internal sealed partial record DebriefRequest(string Project, string TemplateName, DebriefTemplate Template, IReadOnlyList<Guid> People, DateTimeOffset Deadline)
{
    public const int MaxParticipants = 50;
    public const int MaxProject = 200;
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>"Apollo launch by 2026-12-18 template incident" (the people are mentioned, not written) as the form's fields.</summary>
    public static DebriefForm FromCommand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var templateName = DebriefOptions.StandardTemplate;
        if (TemplateSuffix().Match(text) is { Success: true } t)
        {
            templateName = t.Groups["name"].Value.ToLowerInvariant();
            text = text[..t.Index].Trim();
        }
        string? due = null;
        if (DateSuffix().Match(text) is { Success: true } d)
        {
            due = d.Groups["date"].Value;
            text = text[..d.Index].Trim();
        }
        return new DebriefForm(text.Trim().Trim('"'), "", due, templateName);
    }

    /// <summary>The request, or the problems by form field (<paramref name="unknownPeople"/>: picked people who could not be looked up).</summary>
    public static (DebriefRequest? Request, Dictionary<string, string> Errors) Check(
        DebriefForm form, IEnumerable<Guid> participants, int unknownPeople, DebriefOptions settings, TimeZoneInfo zone, DateTimeOffset now)
    {
        var templates = settings.EffectiveTemplates;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var project = form.Project;
        if (project.Length == 0)
        {
            errors[DebriefForm.ProjectInput] = "Name the project.";
        }
        else if (project.Length > MaxProject)
        {
            errors[DebriefForm.ProjectInput] = $"That project name is too long; keep it under {MaxProject} characters.";
        }
        var people = participants.Distinct().ToList();
        if (people.Count == 0)
        {
            errors[DebriefForm.PeopleInput] = unknownPeople > 0
                ? "I couldn't look up the people you picked. Pick people from this team or chat, or ask them to say hello to me first."
                : "Pick who took part.";
        }
        else if (people.Count > MaxParticipants)
        {
            errors[DebriefForm.PeopleInput] = $"A debrief can have up to {MaxParticipants} people; split a bigger group by team.";
        }
        var templateName = form.Template.Length == 0 ? DebriefOptions.StandardTemplate : form.Template.ToLowerInvariant();
        if (!templates.TryGetValue(templateName, out var template))
        {
            errors[DebriefForm.TemplateInput] = $"I don't know the template \"{form.Template}\". Choose one of: {string.Join(", ", templates.Keys)}.";
        }
        var localToday = LocalCalendar.LocalDate(now, zone);
        var dueDay = localToday.AddDays(settings.DefaultDays);
        if (form.Due is { Length: > 0 } dueText && !DateOnly.TryParseExact(dueText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out dueDay))
        {
            errors[DebriefForm.DueInput] = $"\"{dueText}\" isn't a date I can read. Write the deadline as {DefaultDue(localToday, settings)}.";
        }
        var deadline = LocalCalendar.EndOfDay(dueDay, zone);
        if (!errors.ContainsKey(DebriefForm.DueInput) && deadline <= now.AddHours(1))
        {
            errors[DebriefForm.DueInput] = $"The deadline has to be in the future. Give a date from tomorrow on, e.g. {DefaultDue(localToday, settings)}.";
        }
        return errors.Count > 0 ? (null, errors) : (new DebriefRequest(project, templateName, template!, people, deadline), errors);
    }

    /// <summary>The due date a new request gets unless it names one, as the form shows it.</summary>
    public static string DefaultDue(DateOnly today, DebriefOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return today.AddDays(settings.DefaultDays).ToString(DateFormat, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\s+template\s+(?<name>[\w-]+)\s*$|^template\s+(?<name>[\w-]+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateSuffix();

    [GeneratedRegex(@"(?:^|\s+)by\s+(?<date>\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateSuffix();
}
