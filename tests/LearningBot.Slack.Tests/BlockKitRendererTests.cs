using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Cards;

namespace LearningBot.Slack.Tests;

/// <summary>The Card → Block Kit rendering keeps every limit of slack-protocol.md §6 instead of letting Slack reject the message.</summary>
public sealed class BlockKitRendererTests
{
    [Fact]
    public void A_card_becomes_a_header_sections_and_buttons_with_the_text_fallback_set()
    {
        var message = BlockKitRenderer.Message(new Card
        {
            Title = "Phishing 101",
            Subtitle = "2 minutes",
            Body = [new TextElement("**Check** the [sender](https://example.com/a?b=1&c=2)\n- hover links\n- <never> trust urgency"), new TextElement("Source: handbook") { Subtle = true }],
            Actions = [CardAction.Submit("Open", "lesson.open", new Dictionary<string, string> { ["id"] = "p101" }, primary: true), CardAction.OpenUrl("Handbook", new Uri("https://example.com/h"))],
        });

        Assert.Equal("Phishing 101 — 2 minutes", message["text"]!.GetValue<string>());
        var blocks = message["blocks"]!.AsArray();
        Assert.Equal(["header", "context", "section", "context", "actions"], blocks.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("*Check* the <https://example.com/a?b=1&amp;c=2|sender>\n• hover links\n• &lt;never&gt; trust urgency", blocks[2]!["text"]!["text"]!.GetValue<string>());
        var buttons = blocks[4]!["elements"]!.AsArray();
        Assert.Equal("primary", buttons[0]!["style"]!.GetValue<string>());
        Assert.True(BlockKitRenderer.TryReadButtonValue(buttons[0]!["value"]!.GetValue<string>(), out var verb, out var data));
        Assert.Equal("lesson.open", verb);
        Assert.Equal("p101", data["id"]);
        Assert.Equal("https://example.com/h", buttons[1]!["url"]!.GetValue<string>());
        Assert.Null(buttons[1]!["value"]);
    }

    [Fact]
    public void A_card_with_more_than_fifty_blocks_is_cut_with_a_visible_more_and_keeps_its_buttons()
    {
        var card = new Card
        {
            Title = "Long",
            Body = [.. Enumerable.Range(0, 80).Select(i => new TextElement($"Paragraph {i}"))],
            Actions = [CardAction.Submit("Next", "x.next")],
        };
        var blocks = BlockKitRenderer.Blocks(card, BlockKitRenderer.MaxMessageBlocks);

        Assert.Equal(50, blocks.Count);
        Assert.Equal("actions", blocks[^1]!["type"]!.GetValue<string>());
        Assert.Equal(BlockKitRenderer.MoreNote, blocks[^2]!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Text_longer_than_a_section_allows_is_split_over_several_sections_without_losing_any()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"word{i}"));
        var blocks = BlockKitRenderer.Blocks(new Card { Title = "T", Body = [new TextElement(words)] }, 50);
        var sections = blocks.Where(b => b!["type"]!.GetValue<string>() == "section").Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();

        Assert.True(sections.Count > 1);
        Assert.All(sections, s => Assert.True(s.Length <= BlockKitRenderer.MaxSectionText));
        Assert.Equal(words, string.Join(' ', sections));
    }

    [Fact]
    public void Titles_labels_and_button_texts_are_cut_to_their_limits_with_an_ellipsis()
    {
        var card = new Card
        {
            Title = new string('t', 400),
            Body = [new FactsElement([.. Enumerable.Range(0, 12).Select(i => new Fact($"L{i}", new string('v', 2500)))])],
            Actions = [CardAction.Submit(new string('b', 100), new string('x', 300))],
        };
        var blocks = BlockKitRenderer.Blocks(card, 50);

        var header = blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal(150, header.Length);
        Assert.EndsWith("…", header, StringComparison.Ordinal);
        var factSections = blocks.Where(b => b!["fields"] is not null).ToList();
        Assert.Equal(2, factSections.Count);
        Assert.Equal(10, factSections[0]!["fields"]!.AsArray().Count);
        Assert.All(factSections.SelectMany(s => s!["fields"]!.AsArray()), f => Assert.True(f!["text"]!.GetValue<string>().Length <= 2000));
        var button = blocks[^1]!["elements"]![0]!;
        Assert.Equal(LearningBot.Core.Cards.CardAction.MaxTitleLength, button["text"]!["text"]!.GetValue<string>().Length); // the card model fits button titles to what both channels show whole
        Assert.True(button["action_id"]!.GetValue<string>().Length <= 255);
    }

    [Fact]
    public void A_button_value_never_exceeds_2000_characters_and_still_carries_its_verb()
    {
        var value = BlockKitRenderer.ButtonValue("quiz.answer", new Dictionary<string, string> { ["question"] = new string('q', 5000), ["choice"] = "2" });

        Assert.True(value.Length <= BlockKitRenderer.MaxButtonValue);
        Assert.True(BlockKitRenderer.TryReadButtonValue(value, out var verb, out var data));
        Assert.Equal("quiz.answer", verb);
        Assert.Equal("2", data["choice"]);
    }

    [Fact]
    public void Text_inputs_become_input_blocks_whose_ids_come_back_in_state_values()
    {
        var blocks = BlockKitRenderer.Blocks(new Card { Title = "Note", Body = [new TextInputElement("went_well", "What went well?") { Required = true, MaxLength = 5000, Placeholder = new string('p', 200) }] }, 50);
        var input = blocks[1]!;

        Assert.Equal("input", input["type"]!.GetValue<string>());
        Assert.Equal("went_well", input["block_id"]!.GetValue<string>());
        Assert.False(input["optional"]!.GetValue<bool>());
        Assert.Equal("went_well", input["element"]!["action_id"]!.GetValue<string>());
        Assert.Equal(3000, input["element"]!["max_length"]!.GetValue<int>());
        Assert.Equal(150, input["element"]!["placeholder"]!["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public void A_modal_has_a_title_of_at_most_24_characters_and_private_metadata_within_3000()
    {
        var card = new Card { Title = "A rather long title for a modal view", Body = [new TextInputElement("n", "Note")], Actions = [CardAction.Submit("Save my answer for later please", "x.save", new Dictionary<string, string> { ["big"] = new string('d', 4000) })] };
        var view = BlockKitRenderer.ModalView(card, "lb:card", new ModalMetadata("x.save", card.Actions[0].Data, "D1"));

        // At most 24 characters, in whole words.
        Assert.Equal("A rather long title for", view["title"]!["text"]!.GetValue<string>());
        Assert.Equal("Save my answer for", view["submit"]!["text"]!.GetValue<string>());
        var metadata = view["private_metadata"]!.GetValue<string>();
        Assert.True(metadata.Length <= 3000);
        Assert.Equal("x.save", ModalMetadata.Parse(metadata)!.Verb);
    }

    [Fact]
    public void A_plain_text_message_has_only_text()
    {
        var message = BlockKitRenderer.Message(OutboundMessage.FromText("Hi **there**"));
        Assert.Equal("Hi *there*", message["text"]!.GetValue<string>());
        Assert.Null(message["blocks"]);
    }

    [Fact]
    public void The_home_view_may_hold_up_to_100_blocks()
    {
        var view = BlockKitRenderer.HomeView(new Card { Title = "Home", Body = [.. Enumerable.Range(0, 150).Select(i => new TextElement($"p{i}"))] });
        Assert.Equal("home", view["type"]!.GetValue<string>());
        Assert.Equal(100, view["blocks"]!.AsArray().Count);
    }
}
