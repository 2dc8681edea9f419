using LearningBot.Core.Quizzes.Fsrs;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class FsrsSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly FsrsScheduler _fsrs = new(new FsrsParameters());

    [Fact]
    public void A_first_review_takes_the_initial_stability_and_difficulty_of_its_grade()
    {
        double[] stability = [0.212, 1.2931, 2.3065, 8.2956];
        double[] difficulty = [6.4133, 5.11217071, 2.11810397, 1];
        for (var g = 1; g <= 4; g++)
        {
            var after = _fsrs.Review(FsrsCard.New(Start), Start, (Rating)g).After;
            Assert.Equal(stability[g - 1], after.Stability, 8);
            Assert.Equal(difficulty[g - 1], after.Difficulty, 8);
            Assert.Equal(FsrsState.Review, after.State);
        }
    }

    [Fact]
    public void A_first_good_at_ninety_percent_comes_back_in_three_days()
    {
        var after = _fsrs.Review(FsrsCard.New(Start), Start, Rating.Good).After;

        Assert.Equal(3, after.ScheduledDays);
        Assert.Equal(Start.AddDays(3), after.Due);
    }

    [Fact]
    public void The_reference_memory_state_is_reproduced_in_long_term_mode()
    {
        // fsrs.md B.9 vector 2: grades [1,3,3,3,3,3] at elapsed days [0,0,1,3,8,21], short-term off.
        int[] grades = [1, 3, 3, 3, 3, 3];
        int[] elapsed = [0, 0, 1, 3, 8, 21];
        var card = FsrsCard.New(Start);
        var at = Start;
        for (var i = 0; i < grades.Length; i++)
        {
            at = at.AddDays(elapsed[i]);
            card = _fsrs.Review(card, at, (Rating)grades[i]).After;
        }

        // The published figures come from fsrs-rs in single precision; the reference tests agree to 1e-4.
        Assert.Equal(53.335106, card.Stability, 1e-4);
        Assert.Equal(6.3574867, card.Difficulty, 1e-4);
    }

    [Fact]
    public void Days_are_counted_in_the_learners_calendar_rolling_over_at_local_midnight()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var lateEvening = new DateTimeOffset(2026, 3, 2, 22, 50, 0, TimeSpan.Zero); // 23:50 in Berlin
        var card = _fsrs.Review(FsrsCard.New(lateEvening), lateEvening, Rating.Good, berlin).After;

        var twentyMinutesLater = _fsrs.Review(card, lateEvening.AddMinutes(20), Rating.Good, berlin); // 00:10 next day in Berlin

        Assert.Equal(1, twentyMinutesLater.ElapsedDays);
        Assert.Equal(0, _fsrs.Review(card, lateEvening.AddMinutes(20), Rating.Good).ElapsedDays); // same UTC day
    }

    [Fact]
    public void A_lapse_on_a_reviewed_card_counts_but_a_wrong_first_answer_does_not()
    {
        var first = _fsrs.Review(FsrsCard.New(Start), Start, Rating.Again).After;
        var second = _fsrs.Review(first, Start.AddDays(1), Rating.Again).After;

        Assert.Equal(0, first.Lapses);
        Assert.Equal(1, second.Lapses);
        Assert.Equal(2, second.Reps);
    }

    [Fact]
    public void Fuzz_is_off_by_default_and_reproducible_with_a_seed()
    {
        var card = _fsrs.Review(FsrsCard.New(Start), Start, Rating.Good).After;
        var plain = _fsrs.Review(card, Start.AddDays(3), Rating.Good).After;
        var fuzzed1 = new FsrsScheduler(new FsrsParameters { EnableFuzz = true, FuzzSeed = 42 }).Review(card, Start.AddDays(3), Rating.Good).After;
        var fuzzed2 = new FsrsScheduler(new FsrsParameters { EnableFuzz = true, FuzzSeed = 42 }).Review(card, Start.AddDays(3), Rating.Good).After;

        Assert.Equal(fuzzed1.ScheduledDays, fuzzed2.ScheduledDays);
        Assert.InRange(fuzzed1.ScheduledDays, plain.ScheduledDays - 3, plain.ScheduledDays + 3);
        Assert.Equal(plain.Stability, fuzzed1.Stability);
    }

    [Fact]
    public void Retrievability_is_ninety_percent_when_elapsed_days_equal_stability()
    {
        Assert.Equal(0.9, _fsrs.Retrievability(10, 10), 8);
    }

    [Fact]
    public void Weights_of_the_wrong_length_are_refused_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsParameters { Weights = [1, 2, 3] }));
        Assert.Contains("21 weights", error.Message, StringComparison.Ordinal);
    }
}
