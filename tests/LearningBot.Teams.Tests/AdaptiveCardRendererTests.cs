using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Teams.Cards;

namespace LearningBot.Teams.Tests;

public sealed class AdaptiveCardRendererTests
{
    private static readonly Card Sample = new()
    {
        Title = "Phishing in 3 minutes",
        Subtitle = "Security basics",
        Body =
        [
            new HeadingElement("Remember"),
            new TextElement("Look at the **sender**:\n- hover links\n- check the domain"),
            new TextElement("Source: lesson 12") { Subtle = true },
            new FactsElement([new Fact("Time", "3 min"), new Fact("Level", "Beginner")]),
            new TextInputElement("answer", "Your answer") { Placeholder = "Type here", Multiline = true, Required = true, MaxLength = 200, Value = "draft" },
        ],
        Actions =
        [
            CardAction.Submit("Take the quiz", "quiz.start", new Dictionary<string, string> { ["lesson"] = "phishing-101" }, primary: true),
            CardAction.OpenUrl("Open the lesson", new Uri("https://learn.example.com/phishing")),
        ],
    };

    [Fact]
    public void A_card_renders_as_an_Adaptive_Card_1_5_with_the_schema()
    {
        var card = AdaptiveCardRenderer.Render(Sample);

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        Assert.Equal("Phishing in 3 minutes — Security basics", (string?)card["fallbackText"]);
    }

    [Fact]
    public void The_body_maps_each_element_to_its_Adaptive_Card_counterpart()
    {
        var body = AdaptiveCardRenderer.Render(Sample)["body"]!.AsArray();

        Assert.Equal(["TextBlock", "TextBlock", "TextBlock", "TextBlock", "TextBlock", "FactSet", "Input.Text"], body.Select(b => (string?)b!["type"]));
        Assert.Equal(("Phishing in 3 minutes", "Bolder", "Large", true), ((string?)body[0]!["text"], (string?)body[0]!["weight"], (string?)body[0]!["size"], (bool?)body[0]!["wrap"]));
        Assert.True((bool?)body[1]!["isSubtle"]);
        Assert.Equal("Bolder", (string?)body[2]!["weight"]);
        Assert.Equal("Look at the **sender**:\n\n- hover links\n- check the domain", (string?)body[3]!["text"]);
        Assert.True((bool?)body[4]!["isSubtle"]);
        Assert.Equal("Level", (string?)body[5]!["facts"]![1]!["title"]);
        var input = body[6]!;
        Assert.Equal(("answer", "Your answer", "Type here", true, true, 200, "draft"),
            ((string?)input["id"], (string?)input["label"], (string?)input["placeholder"], (bool?)input["isMultiline"], (bool?)input["isRequired"], (int?)input["maxLength"], (string?)input["value"]));
    }

    [Fact]
    public void A_submit_action_is_an_Action_Execute_with_verb_and_data_and_a_Submit_fallback()
    {
        var actions = AdaptiveCardRenderer.Render(Sample)["actions"]!.AsArray();

        var execute = actions[0]!;
        Assert.Equal("Action.Execute", (string?)execute["type"]);
        Assert.Equal("quiz.start", (string?)execute["verb"]);
        Assert.Equal("positive", (string?)execute["style"]);
        Assert.Equal("phishing-101", (string?)execute["data"]!["lesson"]);
        Assert.Equal("quiz.start", (string?)execute["data"]!["verb"]);
        Assert.Equal("Action.Submit", (string?)execute["fallback"]!["type"]);
        Assert.Equal("quiz.start", (string?)execute["fallback"]!["data"]!["verb"]);
        Assert.Equal(("Action.OpenUrl", "https://learn.example.com/phishing"), ((string?)actions[1]!["type"], (string?)actions[1]!["url"]));
    }

    [Fact]
    public void A_card_is_sent_as_an_attachment_only_message()
    {
        var activity = AdaptiveCardRenderer.ToActivity(Sample);

        Assert.Equal("message", activity.Type);
        Assert.Null(activity.Text);
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
    }

    [Fact]
    public void A_card_too_large_for_Teams_is_cut_to_fit_by_shortening_the_longest_text()
    {
        var huge = new Card
        {
            Title = "Big",
            Body = [new TextElement("short"), new TextElement(new string('a', 120_000)), new TextElement(new string('é', 30_000))],
        };

        var card = AdaptiveCardRenderer.Render(huge);

        Assert.True(card.ToJsonString().Length * 2 <= AdaptiveCardRenderer.MaxCardBytes);
        var texts = card["body"]!.AsArray().Select(b => (string)b!["text"]!).ToList();
        Assert.Equal("short", texts[1]);
        Assert.EndsWith("…", texts[2], StringComparison.Ordinal);
        Assert.StartsWith("aaaa", texts[2], StringComparison.Ordinal);
        Assert.EndsWith("…", texts[3], StringComparison.Ordinal);
        Assert.StartsWith("éééé", texts[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Long_fact_values_and_labels_are_cut_too_and_what_a_person_typed_or_picks_never()
    {
        var huge = new Card
        {
            Title = "Facts",
            Body =
            [
                new FactsElement([new Fact("Notes", new string('n', 90_000))]),
                new ChoiceInputElement("pick", "Pick", [new Choice("One", "value-one")]),
                new TextInputElement("note", new string('l', 30_000)) { Value = new string('v', 5_000), Required = true },
            ],
        };

        var card = AdaptiveCardRenderer.Render(huge);

        Assert.True(card.ToJsonString().Length * 2 <= AdaptiveCardRenderer.MaxCardBytes);
        Assert.EndsWith("…", (string?)card["body"]![1]!["facts"]![0]!["value"], StringComparison.Ordinal);
        Assert.Equal("value-one", (string?)card["body"]![2]!["choices"]![0]!["value"]);
        Assert.EndsWith("…", (string?)card["body"]![3]!["label"], StringComparison.Ordinal);
        Assert.Equal(new string('v', 5_000), (string?)card["body"]![3]!["value"]);
    }

    [Fact]
    public void A_card_too_large_in_what_cannot_be_cut_is_returned_rather_than_cut_forever()
    {
        var choices = Enumerable.Range(0, 4_000).Select(i => new Choice($"Choice number {i} of many", $"value-{i}")).ToList();
        var huge = new Card { Title = "Choices", Body = [new TextElement("Pick one of these"), new ChoiceInputElement("pick", "Pick", choices)] };

        var card = AdaptiveCardRenderer.Render(huge);

        Assert.Equal(4_000, card["body"]![2]!["choices"]!.AsArray().Count);
        Assert.Equal("P…", (string?)card["body"]![1]!["text"]);
    }

    [Fact]
    public void A_card_within_the_limit_is_left_alone()
    {
        var text = new string('a', 10_000);

        var card = AdaptiveCardRenderer.Render(new Card { Title = "t", Body = [new TextElement(text)] });

        Assert.Equal(text, (string?)card["body"]![1]!["text"]);
    }
}
