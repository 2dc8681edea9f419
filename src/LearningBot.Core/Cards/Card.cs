namespace LearningBot.Core.Cards;

/// <summary>
/// The one card model. A feature builds a card once; the Teams adapter renders it as an Adaptive Card,
/// the Slack adapter as Block Kit. Text uses a small Markdown subset both can show: **bold**, _italic_,
/// [links](https://…) and "- " bullet lines.
/// </summary>
public sealed record Card
{
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    public IReadOnlyList<CardElement> Body { get; init; } = [];
    public IReadOnlyList<CardAction> Actions { get; init; } = [];

    /// <summary>Plain text for notifications and clients that cannot show cards.</summary>
    public string FallbackText => Subtitle is null ? Title : $"{Title} — {Subtitle}";

    /// <summary>A form: Slack opens such a card as a modal when it can.</summary>
    public bool HasInputs => Body.OfType<InputElement>().Any();
}

/// <summary>One piece of a card's body; each channel renders every kind.</summary>
public abstract record CardElement;

/// <summary>A paragraph of text in the Markdown subset.</summary>
public sealed record TextElement(string Text) : CardElement
{
    public bool Subtle { get; init; }
}

/// <summary>A small heading inside the card body.</summary>
public sealed record HeadingElement(string Text) : CardElement;

/// <summary>
/// Content kept back until the person asks for it, e.g. the answer to a practice question. Teams shows a button that
/// reveals it on the card itself (Action.ToggleVisibility, no round trip); Slack, which cannot hide blocks, shows a
/// button that sends <see cref="Verb"/> with <see cref="Data"/>, and the feature answers with the card revealed.
/// </summary>
public sealed record RevealElement(string Id, string ButtonTitle, IReadOnlyList<CardElement> Content) : CardElement
{
    /// <summary>The verb a channel that cannot reveal on the card sends instead.</summary>
    public required string Verb { get; init; }
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
}

/// <summary>Label/value pairs shown as a compact table.</summary>
public sealed record FactsElement(IReadOnlyList<Fact> Facts) : CardElement;

/// <summary>One label/value row of a <see cref="FactsElement"/>.</summary>
public sealed record Fact(string Label, string Value);

/// <summary>Something the person fills in; its value arrives with the next card action under <see cref="Id"/>.</summary>
public abstract record InputElement(string Id, string Label) : CardElement
{
    public bool Required { get; init; }
}

/// <summary>A text box.</summary>
public sealed record TextInputElement(string Id, string Label) : InputElement(Id, Label)
{
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool Multiline { get; init; }
    public int MaxLength { get; init; } = 500;
}

/// <summary>A date picker; the value is yyyy-MM-dd.</summary>
public sealed record DateInputElement(string Id, string Label) : InputElement(Id, Label)
{
    /// <summary>yyyy-MM-dd.</summary>
    public string? Value { get; init; }
}

/// <summary>One choice from a short list; the value is the chosen <see cref="Choice.Value"/>.</summary>
public sealed record ChoiceInputElement(string Id, string Label, IReadOnlyList<Choice> Choices) : InputElement(Id, Label)
{
    public string? Value { get; init; }
}

/// <summary>One option of a <see cref="ChoiceInputElement"/>: the title shown and the value sent back.</summary>
public sealed record Choice(string Title, string Value);

/// <summary>
/// Pick colleagues. The value is the channel's ids, comma-separated: Entra object ids from Teams' people picker,
/// U… ids from Slack's user picker. The feature turns them into people through the channel.
/// </summary>
public sealed record PeopleInputElement(string Id, string Label) : InputElement(Id, Label)
{
    /// <summary>
    /// Teams: offer only the members of the conversation the card is in (a channel or group chat), which the bot can
    /// look up; false searches the whole organisation (right for a 1:1 chat, whose only member is the person).
    /// </summary>
    public bool ConversationMembersOnly { get; init; }
}

/// <summary>A button. A submit button carries a verb and data back to the bot; a link button opens a URL.</summary>
public sealed record CardAction
{
    /// <summary>
    /// The longest button title both channels show whole: Teams cuts a button at the card's edge (on mobile, with
    /// several buttons, at about 30 characters) and Slack shows about 30 of its 75. Longer titles are shortened at a
    /// word with "…" (<see cref="FitTitle"/>).
    /// </summary>
    public const int MaxTitleLength = 30;

    private readonly string _title = "";

    /// <summary>The button's text, at most <see cref="MaxTitleLength"/> characters (a longer one is shortened).</summary>
    public required string Title { get => _title; init => _title = FitTitle(value); }
    /// <summary>Routing key of a submit action, e.g. "lesson.open". Null for link buttons.</summary>
    public string? Verb { get; init; }
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
    public Uri? Url { get; init; }
    public bool Primary { get; init; }

    public static CardAction Submit(string title, string verb, IReadOnlyDictionary<string, string>? data = null, bool primary = false) =>
        new() { Title = title, Verb = verb, Data = data ?? new Dictionary<string, string>(), Primary = primary };

    public static CardAction OpenUrl(string title, Uri url) => new() { Title = title, Url = url };

    /// <summary>A title of at most <see cref="MaxTitleLength"/> characters: cut at the last whole word that fits, then "…".</summary>
    public static string FitTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        title = title.Trim();
        if (title.Length <= MaxTitleLength)
        {
            return title;
        }
        var room = MaxTitleLength - 1;
        var cut = title.LastIndexOf(' ', room);
        var kept = (cut >= room / 2 ? title[..cut] : title[..room]).TrimEnd(' ', ',', ':', ';', '-', '—');
        if (kept.Length > 0 && char.IsHighSurrogate(kept[^1]))
        {
            kept = kept[..^1];
        }
        return kept + "…";
    }
}
