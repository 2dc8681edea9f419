using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Help;
using LearningBot.Core.Knowledge;

namespace LearningBot.Core.Growth;

/// <summary>A lesson on a new hire's first learning path.</summary>
public sealed record PathLesson(string Id, string Title, int? Minutes);

/// <summary>The cards of goals and the onboarding journey, with their input ids.</summary>
public static class GrowthCards
{
    public const string GoalInput = "goal";
    public const string TopicInput = "topic";
    public const string GoalIdInput = "goalId";
    public const string ProgressInput = "progress";
    public const string HardInput = "hard";
    public const string HelpedInput = "helped";
    public const string HireKey = "hireId";
    public const string DayKey = "day";
    public const int OnboardingGoalCount = 3;

    /// <summary>The input of a goal's progress on a check-in card.</summary>
    public static string ProgressOf(long goalId) => "g" + goalId.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Data(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    private static string Line(int number, GoalRecord goal) =>
        $"{number}. {goal.Text}{(goal.Topic is null ? "" : $" _({goal.Topic})_")}{(goal.Progress is null ? "" : $" — {goal.Progress}")}";

    /// <summary>Your goals, with buttons to add, update and complete them.</summary>
    public static Card Goals(IReadOnlyList<GoalRecord> open, IReadOnlyList<GoalRecord> done, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(done);
        var body = new List<CardElement>();
        if (note is not null)
        {
            body.Add(new TextElement(note));
        }
        body.Add(open.Count == 0
            ? new TextElement("You have no open goals. What would you like to get better at? **Add a goal** below, or type **goals add** _what you want to learn_.")
            : new TextElement(string.Join('\n', open.Select((g, i) => Line(i + 1, g)))));
        if (done.Count > 0)
        {
            body.Add(new TextElement("Done lately: " + string.Join("; ", done.Take(5).Select(g => g.Text))) { Subtle = true });
        }
        body.Add(new TextElement("Only you and your manager see your goals. **goals done** _number_ and **goals update** _number_ _new words_ work too.") { Subtle = true });
        var actions = new List<CardAction> { CardAction.Submit("Add a goal", GrowthVerbs.GoalForm, Data(("form", "add")), primary: true) };
        if (open.Count > 0)
        {
            actions.Add(CardAction.Submit("Update a goal", GrowthVerbs.GoalForm, Data(("form", "update"))));
            actions.Add(CardAction.Submit("Mark a goal done", GrowthVerbs.GoalForm, Data(("form", "done"))));
        }
        return new Card { Title = "Your goals", Body = body, Actions = actions };
    }

    /// <summary>The form that adds a goal.</summary>
    public static Card AddGoalForm(string? error = null) => new()
    {
        Title = "Add a goal",
        Body = [
            .. Error(error),
            new TextInputElement(GoalInput, "Your goal") { Required = true, Placeholder = "e.g. run a customer demo on my own", MaxLength = GoalRules.MaxTextLength },
            new TextInputElement(TopicInput, "Topic (optional)") { Placeholder = "e.g. negotiation", MaxLength = GoalRules.MaxTopicLength },
        ],
        Actions = [CardAction.Submit("Add goal", GrowthVerbs.AddGoal, primary: true)],
    };

    /// <summary>The form that rewords a goal or notes progress on it.</summary>
    public static Card UpdateGoalForm(IReadOnlyList<GoalRecord> open, string? error = null) => new()
    {
        Title = "Update a goal",
        Body = [
            .. Error(error),
            Choose(open),
            new TextInputElement(GoalInput, "New wording (optional)") { MaxLength = GoalRules.MaxTextLength },
            new TextInputElement(ProgressInput, "Progress so far (optional)") { Multiline = true, MaxLength = 1000 },
        ],
        Actions = [CardAction.Submit("Save", GrowthVerbs.UpdateGoal, primary: true)],
    };

    /// <summary>The form that marks a goal done.</summary>
    public static Card CompleteGoalForm(IReadOnlyList<GoalRecord> open, string? error = null) => new()
    {
        Title = "Mark a goal done",
        Body = [.. Error(error), Choose(open)],
        Actions = [CardAction.Submit("Mark done", GrowthVerbs.CompleteGoal, primary: true)],
    };

    private static ChoiceInputElement Choose(IReadOnlyList<GoalRecord> open) =>
        new(GoalIdInput, "Which goal", [.. open.Select((g, i) => new Choice(WellFormedCut($"{i + 1}. {g.Text}", 75), g.Id.ToString(CultureInfo.InvariantCulture)))])
        {
            Required = true,
            Value = open.Count == 1 ? open[0].Id.ToString(CultureInfo.InvariantCulture) : null,
        };

    private static string WellFormedCut(string text, int max) => Kernel.WellFormedText.Cut(text, max);

    private static IEnumerable<CardElement> Error(string? error) => error is null ? [] : [new TextElement($"⚠ {error}")];

    /// <summary>Day 1: who the bot is, the first learning path, and the daily-quiz offer (consent as everywhere).</summary>
    public static Card Welcome(string welcome, IReadOnlyList<PathLesson> path, IReadOnlyList<WelcomeOffer> offers)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(offers);
        var body = new List<CardElement> { new TextElement(welcome) };
        if (path.Count > 0)
        {
            body.Add(new HeadingElement("Your first learning path"));
            body.Add(new TextElement(string.Join('\n', path.Select((l, i) => $"{i + 1}. {l.Title}{(l.Minutes is { } m ? $" ({m} min)" : "")}"))));
        }
        foreach (var offer in offers)
        {
            body.Add(new TextElement(offer.Text));
        }
        var actions = new List<CardAction>();
        if (path.Count > 0)
        {
            actions.Add(CardAction.Submit($"Start: {path[0].Title}", KnowledgeVerbs.OpenLesson, Data(("lessonId", path[0].Id)), primary: true));
        }
        actions.AddRange(offers.SelectMany(o => o.Actions));
        actions.Add(StopButton());
        return new Card { Title = "Welcome to LearningBot", Subtitle = "Your first days", Body = body, Actions = actions };
    }

    private static CardAction StopButton() => CardAction.Submit("Stop onboarding messages", GrowthVerbs.StopJourney);

    /// <summary>The introduction of a new hire and their buddy, as each of them sees it.</summary>
    public static Card BuddyIntroduction(bool forBuddy, string hireName, string buddyName, string? hireTeam, IReadOnlyList<string> starters, Guid hireId)
    {
        ArgumentNullException.ThrowIfNull(starters);
        var body = new List<CardElement>
        {
            new TextElement(forBuddy
                ? $"Thank you for volunteering! **{hireName}**{(hireTeam is null ? "" : $" ({hireTeam})")} has just started. Would you reach out this week for a short chat — coffee, a call, whatever suits you both?"
                : $"Meet **{buddyName}**, your learning buddy: someone outside your reporting line to ask the questions that don't fit anywhere else. I've told them about you too."),
            new HeadingElement("Two ways to start the conversation"),
            new TextElement(string.Join('\n', starters.Select(s => "- " + s))),
        };
        var actions = forBuddy
            ? new List<CardAction> { CardAction.Submit("I can't this time", GrowthVerbs.PassBuddy, Data((HireKey, hireId.ToString("N")))) }
            : [StopButton()];
        return new Card { Title = forBuddy ? $"You're {hireName}'s learning buddy" : "Meet your learning buddy", Body = body, Actions = actions };
    }

    /// <summary>Day 3: one to three goals for the first 30 days.</summary>
    public static Card OnboardingGoals(string text, string? error = null)
    {
        var body = new List<CardElement> { new TextElement(text) };
        body.AddRange(Error(error));
        for (var i = 1; i <= OnboardingGoalCount; i++)
        {
            body.Add(new TextInputElement(GoalInput + i.ToString(CultureInfo.InvariantCulture), $"Goal {i}{(i == 1 ? "" : " (optional)")}") { Required = i == 1, MaxLength = GoalRules.MaxTextLength });
            body.Add(new TextInputElement(TopicInput + i.ToString(CultureInfo.InvariantCulture), "Topic (optional)") { MaxLength = GoalRules.MaxTopicLength });
        }
        return new Card
        {
            Title = "Your goals for the first 30 days",
            Body = body,
            Actions = [CardAction.Submit("Save my goals", GrowthVerbs.SaveOnboardingGoals, primary: true), CardAction.Submit("Not now", GrowthVerbs.NotNow), StopButton()],
        };
    }

    /// <summary>A check-in on day <paramref name="day"/>: progress per goal, what is hard, what helped.</summary>
    public static Card CheckIn(int day, IReadOnlyList<GoalRecord> goals, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var body = new List<CardElement> { new TextElement($"Day {day}: how is it going? A line or two each is plenty; your manager gets a summary so they know how to help.") };
        body.AddRange(Error(error));
        foreach (var goal in goals.Take(5))
        {
            body.Add(new TextInputElement(ProgressOf(goal.Id), $"Progress: {WellFormedCut(goal.Text, 80)}") { MaxLength = 500 });
        }
        body.Add(new TextInputElement(HardInput, "What is hard right now?") { Multiline = true, MaxLength = 1000 });
        body.Add(new TextInputElement(HelpedInput, "What (or who) helped?") { Multiline = true, MaxLength = 1000 });
        return new Card
        {
            Title = $"Day {day} check-in",
            Body = body,
            Actions = [
                CardAction.Submit("Send check-in", GrowthVerbs.SubmitCheckIn, Data((DayKey, day.ToString(CultureInfo.InvariantCulture))), primary: true),
                CardAction.Submit("Not now", GrowthVerbs.NotNow),
                StopButton(),
            ],
        };
    }

    /// <summary>For the manager: the new hire's goals as they set them.</summary>
    public static Card GoalsShared(string hireName, IReadOnlyList<GoalRecord> goals) => new()
    {
        Title = $"{hireName} set goals for their first 30 days",
        Body = [
            new TextElement(string.Join('\n', goals.Select((g, i) => Line(i + 1, g)))),
            new TextElement("A good moment to talk them through: what would success look like, and how can you help?") { Subtle = true },
        ],
    };

    /// <summary>For the manager: a check-in's answers and a suggested next step.</summary>
    public static Card CheckInSummary(string hireName, OnboardingCheckInRecord checkIn, IReadOnlyList<GoalRecord> goals, string nextStep)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(goals);
        var facts = new List<Fact>();
        var progress = checkIn.Progress.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        facts.AddRange(progress.Select(line => line.Split('\t', 2)).Select(p => new Fact(p[0], p.Length > 1 ? p[1] : "")));
        facts.Add(new Fact("What is hard", checkIn.Hard.Length == 0 ? "—" : checkIn.Hard));
        facts.Add(new Fact("What helped", checkIn.Helped.Length == 0 ? "—" : checkIn.Helped));
        return new Card
        {
            Title = $"{hireName}: day {checkIn.Day} check-in",
            Subtitle = goals.Count == 0 ? "No goals set yet" : $"{goals.Count} open goal{(goals.Count == 1 ? "" : "s")}",
            Body = [new FactsElement(facts), new HeadingElement("Suggested next step"), new TextElement(nextStep)],
        };
    }
}
