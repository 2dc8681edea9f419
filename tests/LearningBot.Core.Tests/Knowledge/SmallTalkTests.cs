using LearningBot.Core.Knowledge;

namespace LearningBot.Core.Tests.Knowledge;

public sealed class SmallTalkTests
{
    [Theory]
    [InlineData("hi", SmallTalkKind.Greeting)]
    [InlineData("Hello!", SmallTalkKind.Greeting)]
    [InlineData("hey there 👋", SmallTalkKind.Greeting)]
    [InlineData("good morning", SmallTalkKind.Greeting)]
    [InlineData("Good afternoon, everyone", SmallTalkKind.Greeting)]
    [InlineData("hi learningbot", SmallTalkKind.Greeting)]
    [InlineData("Guten Morgen", SmallTalkKind.Greeting)]
    [InlineData("bonjour", SmallTalkKind.Greeting)]
    [InlineData("¡Hola!", SmallTalkKind.Greeting)]
    [InlineData("buenos días", SmallTalkKind.Greeting)]
    [InlineData("thanks!", SmallTalkKind.Thanks)]
    [InlineData("thank you", SmallTalkKind.Thanks)]
    [InlineData("Thank you so much!!", SmallTalkKind.Thanks)]
    [InlineData("thanks a lot for the help", SmallTalkKind.Thanks)]
    [InlineData("hi, thanks", SmallTalkKind.Thanks)]
    [InlineData("thx", SmallTalkKind.Thanks)]
    [InlineData("danke schön", SmallTalkKind.Thanks)]
    [InlineData("merci beaucoup", SmallTalkKind.Thanks)]
    [InlineData("muchas gracias", SmallTalkKind.Thanks)]
    [InlineData("cheers", SmallTalkKind.Thanks)]
    [InlineData("how are you?", SmallTalkKind.HowAreYou)]
    [InlineData("hi, how's it going", SmallTalkKind.HowAreYou)]
    [InlineData("bye", SmallTalkKind.Farewell)]
    [InlineData("see you later", SmallTalkKind.Farewell)]
    [InlineData("ok", SmallTalkKind.Acknowledgement)]
    [InlineData("great, got it", SmallTalkKind.Acknowledgement)]
    public void Greetings_thanks_and_the_like_are_small_talk(string text, SmallTalkKind kind) => Assert.Equal(kind, SmallTalk.Classify(text));

    [Theory]
    [InlineData("hi, how do I give feedback?")]
    [InlineData("hello, what is phishing")]
    [InlineData("good morning! how do I run a standup")]
    [InlineData("thanks, and how do I ask for feedback?")]
    [InlineData("how are you supposed to give feedback")]
    [InlineData("what's the capital of mongolia")]
    [InlineData("how do I thank a colleague")]
    [InlineData("tips for a good morning routine")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hi hi hi hi hi hi hi hi")]
    public void Anything_with_a_question_in_it_is_not(string text) => Assert.Null(SmallTalk.Classify(text));

    [Fact]
    public void The_answer_is_short_kind_and_says_what_to_try()
    {
        var greeting = SmallTalk.Answer(SmallTalkKind.Greeting, "Ada Lovelace");
        Assert.StartsWith("Hi Ada! 👋", greeting, StringComparison.Ordinal);
        Assert.Contains("**help**", greeting, StringComparison.Ordinal);
        Assert.StartsWith("Hi! 👋", SmallTalk.Answer(SmallTalkKind.Greeting, "<b>x</b>"), StringComparison.Ordinal);
        Assert.Contains("**quiz**", SmallTalk.Answer(SmallTalkKind.Thanks, null), StringComparison.Ordinal);
        Assert.All(Enum.GetValues<SmallTalkKind>(), kind => Assert.InRange(SmallTalk.Answer(kind, "Ada").Length, 1, 200));
    }
}
