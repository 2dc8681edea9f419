using LearningBot.Core.Cards;
using LearningBot.Core.Circles;
using LearningBot.Core.Conversations;
using LearningBot.Core.CourseBuilder;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Growth;
using LearningBot.Core.Help;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Modules;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Recognition;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Conversations;

public sealed class TurnRouterTests
{
    private sealed class Command(string name) : ICommandHandler
    {
        public string Name => name;
        public string Description => "test";
        public string? LastArguments { get; private set; }

        public Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
        {
            LastArguments = arguments;
            return Task.FromResult(Reply.WithText(name));
        }
    }

    private sealed class Actions(params string[] verbs) : ICardActionHandler
    {
        public IReadOnlyCollection<string> Verbs => verbs;

        public Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken) =>
            Task.FromResult(Reply.WithText("action " + action.Verb));
    }

    private sealed class Questions : IQuestionHandler
    {
        public Task<Reply> HandleAsync(Turn turn, string question, CancellationToken cancellationToken) =>
            Task.FromResult(Reply.WithText("question " + question));
    }

    private sealed class Welcome : IWelcomeHandler
    {
        public Task<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken) => Task.FromResult(Reply.WithText("welcome"));
    }

    private static TurnRouter Router(ICommandHandler[]? commands = null, ICardActionHandler[]? actions = null) =>
        new(commands ?? [new Command("help"), new Command("refresher")], actions ?? [new Actions("lesson.open")], [], new Questions(), new Welcome());

    private static Turn Message(string text) => new()
    {
        Channel = ChannelKind.Teams,
        EventId = Guid.NewGuid().ToString(),
        Kind = TurnKind.Message,
        From = new ChannelUser("29:1", "Ada"),
        Conversation = new TurnConversation("a:1", ConversationType.Personal),
        Text = text,
    };

    private static string? Text(Reply reply) => Assert.Single(reply.Messages).Text;

    [Fact]
    public void Two_handlers_claiming_one_command_fail_when_the_router_is_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Router(commands: [new Command("quiz"), new Command("QUIZ")]));
        Assert.Contains("'QUIZ' is claimed by both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_handlers_claiming_one_card_verb_fail_when_the_router_is_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Router(actions: [new Actions("x.go"), new Actions("x.go")]));
        Assert.Contains("'x.go' is claimed by both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_name_with_a_space_fails_when_the_router_is_built() =>
        Assert.Throws<InvalidOperationException>(() => Router(commands: [new Command("two words")]));

    [Theory]
    [InlineData("refresher phishing", "refresher")]
    [InlineData("/refresher phishing", "refresher")]
    [InlineData("Refresher phishing", "refresher")]
    [InlineData("help", "help")]
    public async Task A_command_word_routes_to_its_command_with_the_rest_as_arguments(string text, string expected)
    {
        var refresher = new Command("refresher");
        var router = Router(commands: [new Command("help"), refresher]);

        var reply = await router.RouteAsync(Message(text), CancellationToken.None);

        Assert.Equal(expected, Text(reply));
        if (expected == "refresher")
        {
            Assert.Equal("phishing", refresher.LastArguments);
        }
    }

    [Fact]
    public async Task Free_text_goes_to_the_question_handler()
    {
        var reply = await Router().RouteAsync(Message("how do I run a 1:1"), CancellationToken.None);
        Assert.Equal("question how do I run a 1:1", Text(reply));
    }

    [Fact]
    public async Task An_unknown_slash_command_gets_a_hint_listing_the_commands()
    {
        var reply = await Router().RouteAsync(Message("/frobnicate now"), CancellationToken.None);

        var card = Assert.Single(reply.Messages).Card;
        Assert.NotNull(card);
        Assert.Contains("frobnicate", card.Title, StringComparison.Ordinal);
        Assert.Contains(card.Body.OfType<TextElement>(), t => t.Text.Contains("**refresher**", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_card_action_goes_to_the_handler_of_its_verb()
    {
        var turn = Message("") with { Kind = TurnKind.CardAction, Action = new CardActionInvocation("lesson.open", new Dictionary<string, string>()) };
        Assert.Equal("action lesson.open", Text(await Router().RouteAsync(turn, CancellationToken.None)));
    }

    [Fact]
    public async Task A_card_action_with_an_unknown_verb_gets_a_helpful_message()
    {
        var turn = Message("") with { Kind = TurnKind.CardAction, Action = new CardActionInvocation("gone.verb", new Dictionary<string, string>()) };
        Assert.Contains("no longer works", Text(await Router().RouteAsync(turn, CancellationToken.None)), StringComparison.Ordinal);
    }

    /// <summary>Each feature of the product: the commands and card verbs its folder's handlers own.</summary>
    public static TheoryData<Type, string[], string[]> Features => new()
    {
        { typeof(HelpFeature), ["help"], [HelpVerbs.Show] },
        { typeof(KnowledgeFeature), ["refresher", "experts"], [KnowledgeVerbs.OpenLesson, KnowledgeVerbs.Ask, KnowledgeVerbs.Feedback, KnowledgeVerbs.AskExperts, KnowledgeVerbs.ExpertAnswer, KnowledgeVerbs.RevealAnswer] },
        { typeof(QuizFeature), ["quiz"], [QuizVerbs.Answer, QuizVerbs.QueueLesson, QuizVerbs.SaveSettings, QuizVerbs.Stop, QuizVerbs.Resume, QuizVerbs.Now, QuizVerbs.Start, QuizVerbs.NotNow, QuizVerbs.Settings] },
        { typeof(DebriefFeature), ["debrief"], [DebriefVerbs.Start, DebriefVerbs.Save, DebriefVerbs.Submit, DebriefVerbs.Publish, DebriefVerbs.Skip, DebriefVerbs.Edit] },
        { typeof(CircleFeature), ["circle"], [CircleVerbs.CheckIn, CircleVerbs.Create] },
        { typeof(RecognitionFeature), ["kudos", "share", "leaderboard", "learning"], [RecogniseThisAction.FetchVerb, RecogniseThisAction.SubmitVerb] },
        {
            typeof(GrowthFeature), ["goals", "buddy", "checkin"],
            [GrowthVerbs.GoalForm, GrowthVerbs.AddGoal, GrowthVerbs.UpdateGoal, GrowthVerbs.CompleteGoal, GrowthVerbs.SaveOnboardingGoals, GrowthVerbs.SubmitCheckIn,
                GrowthVerbs.NotNow, GrowthVerbs.StopJourney, GrowthVerbs.PassBuddy, GrowthVerbs.AgreeGoal, GrowthVerbs.Held, GrowthVerbs.Snooze, GrowthVerbs.ConfirmGoal,
                GrowthVerbs.DeclineGoal, GrowthVerbs.StopMonthly]
        },
        {
            typeof(LearningBot.Core.CourseBuilder.CourseBuilderFeature), ["build"],
            [CourseBuilderVerbs.Build, CourseBuilderVerbs.Decline, CourseBuilderVerbs.Cancel, CourseBuilderVerbs.Approve, CourseBuilderVerbs.Edit, CourseBuilderVerbs.Save,
                CourseBuilderVerbs.Review, CourseBuilderVerbs.Discard]
        },
        { typeof(LearningBot.Core.Analytics.AnalyticsFeature), ["progress"], [] },
    };

    [Fact]
    public async Task The_products_router_builds_with_every_feature_and_lists_exactly_the_products_commands_in_help_order()
    {
        await using var product = await TestDatabase.CreateAsync(LearningBotFeatures.All);
        await using var scope = product.Scope();

        // Building the router is the check that every command name and card verb is claimed once.
        var router = scope.ServiceProvider.GetRequiredService<TurnRouter>();

        Assert.Equal(["help", "refresher", "experts", "quiz", "debrief", "circle", "kudos", "share", "leaderboard", "learning", "goals", "buddy", "checkin", "build", "progress"], router.Commands.Select(c => c.Name));
        Assert.Equal(Features.SelectMany(f => (string[])f[2]).Order(StringComparer.Ordinal),
            scope.ServiceProvider.GetServices<ICardActionHandler>().SelectMany(h => h.Verbs).Order(StringComparer.Ordinal));
        Assert.All(scope.ServiceProvider.GetServices<IReactionHandler>(), h => Assert.Equal(typeof(RecognitionFeature).Namespace, h.GetType().Namespace));
    }

    [Theory]
    [MemberData(nameof(Features))]
    public async Task Each_features_commands_and_card_verbs_are_routed_to_its_own_handlers(Type feature, string[] commands, string[] verbs)
    {
        await using var product = await TestDatabase.CreateAsync(LearningBotFeatures.All);
        await using var scope = product.Scope();
        bool Owns(object handler) => handler.GetType().Namespace == feature.Namespace;

        var router = scope.ServiceProvider.GetRequiredService<TurnRouter>();

        Assert.Equal(commands, router.Commands.Where(Owns).Select(c => c.Name));
        Assert.Equal(verbs.Order(StringComparer.Ordinal), scope.ServiceProvider.GetServices<ICardActionHandler>().Where(Owns).SelectMany(h => h.Verbs).Order(StringComparer.Ordinal));
    }
}
