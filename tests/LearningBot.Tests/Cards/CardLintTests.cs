using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Circles;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Help;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Recognition;
using LearningBot.Core.Storage;
using LearningBot.Hosting;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Inbound;
using LearningBot.Teams.Cards;
using LearningBot.Teams.Schema;
using LearningBot.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LearningBot.Tests.Cards;

/// <summary>
/// Every card every feature can build — each public static method returning a <see cref="Card"/>, found by
/// reflection and called with short and with longest-stored arguments (<see cref="CardSamples"/>) — rendered by
/// both channels and checked against what each channel accepts: teams-protocol.md §4.3/§4.5 for Adaptive Cards,
/// slack-protocol.md §6 for Block Kit messages, modals and the App Home. A failure names the card and the limit.
/// </summary>
public sealed class CardLintTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Teams answers 413 MessageSizeTooBig above about 100 KB (teams-protocol.md §4.5).</summary>
    private const int TeamsMessageBytes = 100 * 1024;
    private const int SlackTextObject = 3000;
    private const int SlackFieldText = 2000;
    private const int SlackViewBytes = 250 * 1000;
    private const string SlackChannel = "C0123456789";

    /// <summary>Where the factories live: every LearningBot assembly the service is made of.</summary>
    private static readonly Assembly[] Assemblies =
        [typeof(Card).Assembly, typeof(AdaptiveCardRenderer).Assembly, typeof(BlockKitRenderer).Assembly, typeof(LearningBotHost).Assembly];

    private BotUnderTest _bot = null!;
    private AsyncServiceScope _scope;

    public async Task InitializeAsync()
    {
        // The real service gives the real commands (help cards list them) and the demo library's lessons.
        _bot = await BotUnderTest.StartAsync();
        _scope = _bot.Services.CreateAsyncScope();
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _bot.DisposeAsync();
    }

    public static IEnumerable<MethodInfo> CardFactories() =>
        Assemblies.SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Card) && !m.IsGenericMethodDefinition && !m.IsSpecialName)
            .OrderBy(m => m.DeclaringType!.FullName, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal);

    [Fact]
    public void Reflection_finds_the_card_factories_of_every_feature()
    {
        var classes = CardFactories().Select(m => m.DeclaringType!).ToHashSet();

        Assert.Superset(
            new HashSet<Type>([typeof(KnowledgeCards), typeof(ExpertCards), typeof(QuizCards), typeof(WeeklySummaryComposer), typeof(RecognitionCards),
                typeof(Leaderboard), typeof(RecogniseThisAction), typeof(CircleCards), typeof(DebriefCards), typeof(HelpCards)]),
            classes);
    }

    [Fact]
    public async Task Every_card_fits_what_Teams_and_Slack_accept()
    {
        var (cards, problems) = await AllCardsAsync();

        foreach (var (name, card) in cards)
        {
            Lint(name, card, problems);
        }

        foreach (var (name, card) in cards.OrderByDescending(c => TeamsMessage(c.Card).Length).Take(5))
        {
            var message = TeamsMessage(card);
            output.WriteLine($"{name}: Teams message {Encoding.UTF8.GetByteCount(message) / 1024.0:0.0} KB as UTF-8, {message.Length * 2 / 1024.0:0.0} KB as UTF-16");
        }
        output.WriteLine($"{cards.Count} cards linted.");
        Assert.True(problems.Count == 0, $"{problems.Count} problems in {cards.Count} cards:\n" + string.Join("\n", problems.Distinct().Take(60)));
    }

    /// <summary>
    /// teams-protocol.md §4.5: the 100 KB is counted over the message "encoded as UTF-16" — two bytes a character —
    /// and the renderer fits a card into 80 KB counted the same way.
    /// </summary>
    [Fact]
    public async Task Every_card_fits_the_Teams_message_limit_counted_in_UTF16()
    {
        var (cards, problems) = await AllCardsAsync();

        foreach (var (name, card) in cards)
        {
            if (TeamsMessage(card).Length * 2 is var bytes && bytes > TeamsMessageBytes)
            {
                problems.Add($"{name} (Teams): the message is {bytes} bytes as UTF-16; Teams refuses messages over 100 KB (teams-protocol.md §4.5).");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems in {cards.Count} cards:\n" + string.Join("\n", problems.Take(60)));
    }

    /// <summary>Every factory's cases, and the cards no static factory builds; a factory that throws on its sample is a problem.</summary>
    private async Task<(List<(string Name, Card Card)> Cards, List<string> Problems)> AllCardsAsync()
    {
        var db = _scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var lessons = await db.Set<LessonRecord>().AsNoTracking().Include(l => l.Sections).Include(l => l.Questions).AsSplitQuery().OrderBy(l => l.Id).ToListAsync();
        Assert.NotEmpty(lessons);
        var samples = new CardSamples(db.Model, new Dictionary<Type, IReadOnlyList<object>>
        {
            [typeof(LessonRecord)] = lessons,
            [typeof(IEnumerable<ICommandHandler>)] = [_scope.ServiceProvider.GetServices<ICommandHandler>().ToList()],
            [typeof(IReadOnlyList<Core.Help.WelcomeOffer>)] =
            [
                new List<Core.Help.WelcomeOffer>(),
                new List<Core.Help.WelcomeOffer> { new("**Daily quizzes?** One short question each working day.", [Core.Cards.CardAction.Submit("Start daily quizzes", Core.Quizzes.QuizVerbs.Start), Core.Cards.CardAction.Submit("Not now", Core.Quizzes.QuizVerbs.NotNow)]) },
            ],
            [typeof(IReadOnlyList<string>)] = [new List<string> { "role:manager" }, new List<string> { "Security basics", "role:sales" }],
        });
        var cards = new List<(string, Card)>();
        var problems = new List<string>();
        foreach (var sample in CardFactories().SelectMany(samples.CasesFor))
        {
            try
            {
                cards.Add((sample.Name, (Card)sample.Factory.Invoke(null, sample.Arguments)!));
            }
            catch (TargetInvocationException e)
            {
                problems.Add($"{sample.Name}: threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message} — give CardSamples a value it accepts.");
            }
        }
        var unknownCommand = await _scope.ServiceProvider.GetRequiredService<TurnRouter>().RouteAsync(new Turn
        {
            Channel = ChannelKind.Teams, EventId = "lint", Kind = TurnKind.Message, From = new ChannelUser("29:lint", "Lint"),
            Conversation = new TurnConversation("a:lint", ConversationType.Personal), Text = "/no-such-command",
        }, CancellationToken.None);
        cards.Add(("TurnRouter.UnknownCommandCard", Assert.Single(unknownCommand.Messages).Card!));
        return (cards, problems);
    }

    /// <summary>The activity as the Connector gets it (teams-protocol.md §4.3: the card alone in its attachment).</summary>
    private static string TeamsMessage(Card card) => JsonSerializer.Serialize(AdaptiveCardRenderer.ToActivity(card), TeamsJsonContext.Default.Activity);

    [Fact]
    public void The_lint_reports_a_card_over_a_limit_by_name()
    {
        var problems = new List<string>();
        var blocks = new JsonArray(
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('x', 151) } },
            new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = "f" })]) });
        var adaptive = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.6", ["$schema"] = AdaptiveCardRenderer.Schema, ["body"] = new JsonArray() };

        SlackBlocks("Made-up card", "message", blocks, BlockKitRenderer.MaxMessageBlocks, problems);
        AdaptiveCard("Made-up card", adaptive, [], problems);

        Assert.Contains(problems, p => p.StartsWith("Made-up card (Slack message) block 0 (header): text is 151 characters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Made-up card (Slack message) block 1 (section): 11 fields", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Made-up card (Teams): version is 1.6", StringComparison.Ordinal));
    }

    private static void Lint(string name, Card card, List<string> problems)
    {
        var adaptive = AdaptiveCardRenderer.Render(card);
        AdaptiveCard(name, adaptive, card.Actions, problems);
        var activityBytes = Encoding.UTF8.GetByteCount(TeamsMessage(card));
        if (activityBytes > TeamsMessageBytes)
        {
            problems.Add($"{name} (Teams): the message is {activityBytes} bytes; Teams refuses messages over 100 KB (teams-protocol.md §4.5).");
        }

        var message = BlockKitRenderer.Message(card);
        if (message["text"]?.GetValue<string>() is not { Length: > 0 })
        {
            problems.Add($"{name} (Slack message): no text fallback; chat.postMessage needs it for notifications (slack-protocol.md §5).");
        }
        var blocks = message["blocks"]!.AsArray();
        SlackBlocks(name, "message", blocks, BlockKitRenderer.MaxMessageBlocks, problems);
        SlackButtonData(name, "message", blocks, card.Actions, problems);

        var home = BlockKitRenderer.HomeView(card);
        SlackBlocks(name, "App Home", home["blocks"]!.AsArray(), BlockKitRenderer.MaxViewBlocks, problems);
        if (home.ContainsKey("submit") || home.ContainsKey("close"))
        {
            problems.Add($"{name} (Slack App Home): a Home tab may not have submit or close (slack-protocol.md §6).");
        }
        if (card.HasInputs)
        {
            SlackModal(name, card, problems);
        }
        foreach (var text in Strings(adaptive).Concat(Strings(message)).Where(HasLoneSurrogate).Take(1))
        {
            problems.Add($"{name}: a text holds half of an emoji (a lone UTF-16 surrogate), which neither channel can show: “…{text[^Math.Min(20, text.Length)..]}”.");
        }
    }

    /// <summary>Version and schema, inputs with unique ids, and buttons whose verb and data reach the bot unchanged (teams-protocol.md §4.3, §4.5).</summary>
    private static void AdaptiveCard(string name, JsonObject card, IReadOnlyList<CardAction> actions, List<string> problems)
    {
        var where = $"{name} (Teams)";
        var bytes = card.ToJsonString().Length * 2;
        if (bytes > AdaptiveCardRenderer.MaxCardBytes)
        {
            problems.Add($"{where}: the Adaptive Card is {bytes} bytes; keep it within {AdaptiveCardRenderer.MaxCardBytes} (80 KB, teams-protocol.md §4.5).");
        }
        if ((string?)card["type"] != "AdaptiveCard")
        {
            problems.Add($"{where}: type is {(string?)card["type"]}, not AdaptiveCard.");
        }
        if ((string?)card["version"] != "1.5")
        {
            problems.Add($"{where}: version is {(string?)card["version"]}; Teams renders up to 1.5 and Universal Actions need 1.5 (teams-protocol.md §4.5).");
        }
        if ((string?)card["$schema"] != AdaptiveCardRenderer.Schema)
        {
            problems.Add($"{where}: $schema is {(string?)card["$schema"]}, not {AdaptiveCardRenderer.Schema} (teams-protocol.md §4.5).");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, index) in (card["body"]?.AsArray() ?? []).OfType<JsonObject>().Select((e, i) => (e, i)))
        {
            var type = (string?)element["type"];
            if (type is null)
            {
                problems.Add($"{where} body {index}: an element without a type.");
            }
            else if (type.StartsWith("Input.", StringComparison.Ordinal) && ((string?)element["id"] is not { Length: > 0 } id || !ids.Add(id)))
            {
                problems.Add($"{where} body {index} ({type}): an input needs an id of its own, else its value is lost; got '{(string?)element["id"]}'.");
            }
            else if (type == "TextBlock" && element["text"] is null)
            {
                problems.Add($"{where} body {index} (TextBlock): no text.");
            }
        }
        var rendered = card["actions"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (rendered.Count != actions.Count)
        {
            problems.Add($"{where}: {actions.Count} buttons on the card, {rendered.Count} rendered.");
            return;
        }
        for (var i = 0; i < actions.Count; i++)
        {
            var (action, node) = (actions[i], rendered[i]);
            var button = $"{where} button '{action.Title}'";
            if ((string?)node["title"] is not { Length: > 0 } title)
            {
                problems.Add($"{button}: no title.");
            }
            else if (title.Length > CardAction.MaxTitleLength)
            {
                problems.Add($"{button}: the title is {title.Length} characters; Teams cuts a button at the card's edge, keep it within {CardAction.MaxTitleLength}.");
            }
            if (action.Url is { } url)
            {
                if ((string?)node["type"] != "Action.OpenUrl" || !url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps)
                {
                    problems.Add($"{button}: a link button must be an Action.OpenUrl to an absolute https URL.");
                }
                continue;
            }
            if ((string?)node["type"] != "Action.Execute" || (string?)node["verb"] != action.Verb)
            {
                problems.Add($"{button}: must be an Action.Execute with verb {action.Verb} (teams-protocol.md §4.3).");
            }
            var data = node["data"] as JsonObject;
            if (action.Data.ContainsKey(AdaptiveCardRenderer.VerbDataKey))
            {
                problems.Add($"{button}: its data uses the key '{AdaptiveCardRenderer.VerbDataKey}', which carries the verb; the value would be lost.");
            }
            else if (data is null || (string?)data[AdaptiveCardRenderer.VerbDataKey] != action.Verb || action.Data.Any(d => (string?)data[d.Key] != d.Value))
            {
                problems.Add($"{button}: its data does not reach the bot as the card set it.");
            }
            if (node["fallback"] is not JsonObject fallback || (string?)fallback["type"] != "Action.Submit" || !JsonNode.DeepEquals(fallback["data"], data))
            {
                problems.Add($"{button}: needs an Action.Submit fallback with the same data for clients without Universal Actions (teams-protocol.md §4.3).");
            }
        }
    }

    /// <summary>The Block Kit rules of slack-protocol.md §6 for one surface's blocks.</summary>
    private static void SlackBlocks(string name, string surface, JsonArray blocks, int maxBlocks, List<string> problems)
    {
        if (blocks.Count > maxBlocks)
        {
            problems.Add($"{name} (Slack {surface}): {blocks.Count} blocks; a {surface} holds {maxBlocks} (slack-protocol.md §6).");
        }
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i]!.AsObject();
            var type = (string?)block["type"];
            var where = $"{name} (Slack {surface}) block {i} ({type})";
            if ((string?)block["block_id"] is { } blockId && (blockId.Length > BlockKitRenderer.MaxId || !blockIds.Add(blockId)))
            {
                problems.Add($"{where}: block_id '{Short(blockId)}' must be unique and at most {BlockKitRenderer.MaxId} characters.");
            }
            switch (type)
            {
                case "header":
                    PlainText(where, "text", block["text"], BlockKitRenderer.MaxHeaderText, problems);
                    break;
                case "section":
                    if (block["text"] is null && block["fields"] is null)
                    {
                        problems.Add($"{where}: a section needs text or fields.");
                    }
                    if (block["text"] is { } text)
                    {
                        TextObject(where, "text", text, SlackTextObject, problems);
                    }
                    if (block["fields"] is JsonArray fields)
                    {
                        if (fields.Count > BlockKitRenderer.MaxFields)
                        {
                            problems.Add($"{where}: {fields.Count} fields; a section holds {BlockKitRenderer.MaxFields} (slack-protocol.md §6).");
                        }
                        foreach (var field in fields)
                        {
                            TextObject(where, "field", field, SlackFieldText, problems);
                        }
                    }
                    break;
                case "context":
                    var elements = block["elements"]?.AsArray() ?? [];
                    if (elements.Count is 0 or > 10)
                    {
                        problems.Add($"{where}: {elements.Count} elements; a context holds 1 to 10 (slack-protocol.md §6).");
                    }
                    foreach (var element in elements)
                    {
                        TextObject(where, "element", element, SlackTextObject, problems);
                    }
                    break;
                case "actions":
                    SlackButtons(where, block["elements"]?.AsArray() ?? [], problems);
                    break;
                case "input":
                    PlainText(where, "label", block["label"], BlockKitRenderer.MaxLabel, problems);
                    SlackInputElement(where, block["element"] as JsonObject, problems);
                    break;
                case "divider":
                    break;
                default:
                    problems.Add($"{where}: a block type the renderer is not known to produce.");
                    break;
            }
        }
    }

    private static void SlackButtons(string where, JsonArray buttons, List<string> problems)
    {
        if (buttons.Count is 0 or > BlockKitRenderer.MaxActionsPerBlock)
        {
            problems.Add($"{where}: {buttons.Count} elements; an actions block holds 1 to {BlockKitRenderer.MaxActionsPerBlock} (slack-protocol.md §6).");
        }
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons.OfType<JsonObject>())
        {
            var title = (string?)button["text"]?["text"] ?? "";
            var at = $"{where} button '{Short(title)}'";
            PlainText(at, "text", button["text"], CardAction.MaxTitleLength, problems);
            ActionId(at, button, actionIds, problems);
            if ((string?)button["value"] is { Length: > BlockKitRenderer.MaxButtonValue } value)
            {
                problems.Add($"{at}: value is {value.Length} characters; a button value holds {BlockKitRenderer.MaxButtonValue} (slack-protocol.md §6).");
            }
            if ((string?)button["url"] is { Length: > BlockKitRenderer.MaxUrl } url)
            {
                problems.Add($"{at}: url is {url.Length} characters; a button url holds {BlockKitRenderer.MaxUrl} (slack-protocol.md §6).");
            }
            if ((string?)button["style"] is { } style && style is not ("primary" or "danger"))
            {
                problems.Add($"{at}: style '{style}'; Slack knows primary and danger.");
            }
        }
    }

    private static void SlackInputElement(string where, JsonObject? element, List<string> problems)
    {
        if (element is null)
        {
            problems.Add($"{where}: an input block needs an element.");
            return;
        }
        ActionId(where, element, [], problems);
        if (element["placeholder"] is { } placeholder)
        {
            PlainText(where, "placeholder", placeholder, BlockKitRenderer.MaxPlaceholder, problems);
        }
        switch ((string?)element["type"])
        {
            case "plain_text_input":
                var max = (int?)element["max_length"] ?? 3000;
                if (max is < 1 or > 3000)
                {
                    problems.Add($"{where}: max_length {max}; plain_text_input takes 1 to 3000 (slack-protocol.md §6).");
                }
                if ((string?)element["initial_value"] is { } initial && initial.Length > max)
                {
                    problems.Add($"{where}: initial_value of {initial.Length} characters is longer than its max_length {max}.");
                }
                break;
            case "datepicker":
                if ((string?)element["initial_date"] is { } date && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    problems.Add($"{where}: initial_date '{Short(date)}' is not YYYY-MM-DD.");
                }
                break;
            case "static_select":
                var options = element["options"]?.AsArray() ?? [];
                if (options.Count is 0 or > BlockKitRenderer.MaxOptions)
                {
                    problems.Add($"{where}: {options.Count} options; a static_select holds 1 to {BlockKitRenderer.MaxOptions} (slack-protocol.md §6).");
                }
                foreach (var option in options.OfType<JsonObject>())
                {
                    PlainText(where, "option text", option["text"], BlockKitRenderer.MaxOptionText, problems);
                    if ((string?)option["value"] is not { Length: > 0 and <= BlockKitRenderer.MaxOptionValue })
                    {
                        problems.Add($"{where}: option value '{Short((string?)option["value"] ?? "")}' must be 1 to {BlockKitRenderer.MaxOptionValue} characters (slack-protocol.md §6).");
                    }
                }
                if (element["initial_option"] is { } chosen && !options.Any(o => JsonNode.DeepEquals(o, chosen)))
                {
                    problems.Add($"{where}: initial_option is not one of the options, which Slack rejects.");
                }
                break;
            case "multi_users_select":
                break;
            default:
                problems.Add($"{where}: input element '{(string?)element["type"]}' the renderer is not known to produce.");
                break;
        }
    }

    /// <summary>Each submit button's value must bring back the verb and data as the card set them: a shortened id breaks the button.</summary>
    private static void SlackButtonData(string name, string surface, JsonArray blocks, IReadOnlyList<CardAction> actions, List<string> problems)
    {
        foreach (var button in blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "actions").SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()))
        {
            var actionId = (string?)button["action_id"] ?? "";
            if (!actionId.StartsWith(BlockKitRenderer.SubmitPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (!int.TryParse(actionId[BlockKitRenderer.SubmitPrefix.Length..actionId.IndexOf(':', BlockKitRenderer.SubmitPrefix.Length)], CultureInfo.InvariantCulture, out var index))
            {
                continue; // a reveal button of the body, not one of the card's actions
            }
            var action = actions[index];
            if (!BlockKitRenderer.TryReadButtonValue((string?)button["value"], out var verb, out var data) || verb != action.Verb || !SameData(data, action.Data))
            {
                var size = BlockKitRenderer.ButtonValue(action.Verb ?? "", new Dictionary<string, string>()).Length + action.Data.Sum(d => d.Key.Length + d.Value.Length + 6);
                problems.Add($"{name} (Slack {surface}) button '{action.Title}': its verb and data (about {size} characters) do not fit a button value of {BlockKitRenderer.MaxButtonValue} (slack-protocol.md §6), so the bot gets them shortened.");
            }
        }
    }

    /// <summary>A card with inputs opens as a modal: title, submit and close ≤ 24, private_metadata ≤ 3000 with the submit's data intact, ≤ 100 blocks.</summary>
    private static void SlackModal(string name, Card card, List<string> problems)
    {
        var submit = card.Actions.FirstOrDefault(a => a.Verb is not null);
        var metadata = new ModalMetadata(submit?.Verb ?? "", submit?.Data ?? new Dictionary<string, string>(), SlackChannel);
        var view = BlockKitRenderer.ModalView(card, SlackInteractionProcessor.ModalCallbackId, metadata);
        var where = $"{name} (Slack modal)";
        PlainText(where, "title", view["title"], BlockKitRenderer.MaxViewTitle, problems);
        foreach (var button in new[] { "submit", "close" }.Where(view.ContainsKey))
        {
            PlainText(where, button, view[button], BlockKitRenderer.MaxViewTitle, problems);
        }
        var blocks = view["blocks"]!.AsArray();
        SlackBlocks(name, "modal", blocks, BlockKitRenderer.MaxViewBlocks, problems);
        if (blocks.Any(b => (string?)b!["type"] == "input") && !view.ContainsKey("submit"))
        {
            problems.Add($"{where}: has input blocks but no submit button, which Slack rejects (slack-protocol.md §6).");
        }
        var privateMetadata = (string?)view["private_metadata"] ?? "";
        if (privateMetadata.Length > BlockKitRenderer.MaxPrivateMetadata)
        {
            problems.Add($"{where}: private_metadata is {privateMetadata.Length} characters; a modal holds {BlockKitRenderer.MaxPrivateMetadata} (slack-protocol.md §6).");
        }
        if (submit is not null && (ModalMetadata.Parse(privateMetadata) is not { } parsed || parsed.Verb != submit.Verb || !SameData(parsed.Data, submit.Data) || parsed.Channel != SlackChannel))
        {
            problems.Add($"{where}: the submit's verb and data do not fit in private_metadata ({BlockKitRenderer.MaxPrivateMetadata} characters), so the submission loses them.");
        }
        if ((string?)view["callback_id"] is not { Length: > 0 and <= BlockKitRenderer.MaxId })
        {
            problems.Add($"{where}: callback_id must be 1 to {BlockKitRenderer.MaxId} characters (slack-protocol.md §6).");
        }
        if (Encoding.UTF8.GetByteCount(view.ToJsonString()) is var bytes && bytes > SlackViewBytes)
        {
            problems.Add($"{where}: the view is {bytes} bytes; Slack refuses views over 250 kB (view_too_large, slack-protocol.md §6).");
        }
    }

    private static void ActionId(string where, JsonObject element, HashSet<string> seen, List<string> problems)
    {
        if ((string?)element["action_id"] is not { Length: > 0 and <= BlockKitRenderer.MaxId } actionId || !seen.Add(actionId))
        {
            problems.Add($"{where}: action_id '{Short((string?)element["action_id"] ?? "")}' must be 1 to {BlockKitRenderer.MaxId} characters and unique in its block (slack-protocol.md §6).");
        }
    }

    private static void PlainText(string where, string what, JsonNode? node, int max, List<string> problems)
    {
        if ((string?)node?["type"] != "plain_text")
        {
            problems.Add($"{where}: {what} must be a plain_text object (slack-protocol.md §6).");
            return;
        }
        TextObject(where, what, node, max, problems);
    }

    private static void TextObject(string where, string what, JsonNode? node, int max, List<string> problems)
    {
        var text = (string?)node?["text"];
        if ((string?)node?["type"] is not ("plain_text" or "mrkdwn") || text is null)
        {
            problems.Add($"{where}: {what} is not a text object.");
        }
        else if (text.Length == 0 || text.Length > max)
        {
            problems.Add($"{where}: {what} is {text.Length} characters; Block Kit allows 1 to {max} here (slack-protocol.md §6).");
        }
    }

    private static bool SameData(IReadOnlyDictionary<string, string> actual, IReadOnlyDictionary<string, string> expected) =>
        actual.Count == expected.Count && expected.All(e => actual.TryGetValue(e.Key, out var value) && value == e.Value);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
