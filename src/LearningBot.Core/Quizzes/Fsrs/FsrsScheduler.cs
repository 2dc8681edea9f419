using System.Diagnostics.CodeAnalysis;
using LearningBot.Core.Kernel;

namespace LearningBot.Core.Quizzes.Fsrs;

/// <summary>How well a learner recalled an answer. A quiz knows right or wrong only: right → Good, wrong → Again.</summary>
[SuppressMessage("Design", "CA1008:Enums should have zero value", Justification = "FSRS defines the ratings as 1–4 (Again..Easy) and they are stored by that number; there is no rating 0.")]
public enum Rating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

/// <summary>
/// Memory state of a card (ts-fsrs <c>State</c>). In the long-term mode LearningBot runs, a card is New until its
/// first review and Review ever after; Learning and Relearning exist only with minute-level steps, which a daily
/// quiz never uses.
/// </summary>
public enum FsrsState
{
    New = 0,
    Learning = 1,
    Review = 2,
    Relearning = 3,
}

/// <summary>One learner × one question as FSRS sees it. Immutable; <see cref="FsrsScheduler.Review"/> returns the next one.</summary>
public sealed record FsrsCard
{
    public FsrsState State { get; init; } = FsrsState.New;
    /// <summary>Days until recall probability falls to 90%.</summary>
    public double Stability { get; init; }
    /// <summary>1 (easy) … 10 (hard).</summary>
    public double Difficulty { get; init; }
    public DateTimeOffset Due { get; init; }
    public int ScheduledDays { get; init; }
    public int Reps { get; init; }
    public int Lapses { get; init; }
    public DateTimeOffset? LastReview { get; init; }

    /// <summary>A card never reviewed, due at once.</summary>
    public static FsrsCard New(DateTimeOffset now) => new() { Due = now };
}

/// <summary>The outcome of one review: the card after it, and what the review log keeps.</summary>
public sealed record FsrsReview(FsrsCard Before, FsrsCard After, Rating Rating, DateTimeOffset At, int ElapsedDays);

/// <summary>
/// FSRS-6 in the mode LearningBot uses (shared docs fsrs.md, "The mode LearningBot uses"): long-term only (ts-fsrs
/// <c>enable_short_term: false</c>, no learning steps), every review leaves the card in Review, intervals in whole
/// days, ordered again &lt; hard &lt; good &lt; easy after the maximum-interval clamp, and the 8-decimal rounding of
/// ts-fsrs 5.x at the same places so that results agree with the reference bit for bit where it matters.
/// Pure and deterministic: no clock, no I/O; fuzz is off unless <see cref="FsrsParameters.EnableFuzz"/> and then
/// seeded from <see cref="FsrsParameters.FuzzSeed"/>, the review time and the card's reps.
/// </summary>
public sealed class FsrsScheduler
{
    public const double MinimumStability = 0.001;
    public const double MaximumStability = 36500;

    private readonly double[] _w;
    private readonly double _decay;
    private readonly double _factor;
    private readonly double _intervalModifier;
    private readonly double _meanReversionTarget;

    public FsrsScheduler(FsrsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        _w = [.. parameters.Weights];
        _decay = -_w[20];
        _factor = RoundTo8(Math.Exp(Math.Log(0.9) / _decay) - 1.0);
        _intervalModifier = RoundTo8((Math.Pow(parameters.DesiredRetention, 1.0 / _decay) - 1.0) / _factor);
        _meanReversionTarget = _w[4] - Math.Exp(_w[5] * 3) + 1; // D₀(Easy), unclamped
    }

    public FsrsParameters Parameters { get; }

    /// <summary>
    /// Reviews <paramref name="card"/> at <paramref name="at"/>. Elapsed days are the difference of calendar dates in
    /// <paramref name="learnerTimeZone"/> (UTC when null): the learner's day rolls over at local midnight, so a
    /// review at 23:50 and one at 00:10 the next local day are one day apart.
    /// </summary>
    public FsrsReview Review(FsrsCard card, DateTimeOffset at, Rating rating, TimeZoneInfo? learnerTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (rating is < Rating.Again or > Rating.Easy)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "Rating must be Again, Hard, Good or Easy.");
        }
        var zone = learnerTimeZone ?? TimeZoneInfo.Utc;
        var elapsed = card.LastReview is { } last ? Math.Max(0, LocalDayNumber(at, zone) - LocalDayNumber(last, zone)) : 0;

        Span<double> stability = stackalloc double[4];
        Span<double> difficulty = stackalloc double[4];
        var isNew = card.State == FsrsState.New || card.LastReview is null;
        if (isNew)
        {
            for (var g = 1; g <= 4; g++)
            {
                stability[g - 1] = Math.Max(_w[g - 1], 0.1);
                difficulty[g - 1] = Math.Clamp(RoundTo8(InitialDifficulty(g)), 1, 10);
            }
        }
        else
        {
            var r = Retrievability(elapsed, card.Stability);
            for (var g = 1; g <= 4; g++)
            {
                difficulty[g - 1] = NextDifficulty(card.Difficulty, g);
                stability[g - 1] = g == 1
                    ? Math.Clamp(Math.Min(StabilityAfterLapse(card.Difficulty, card.Stability, r), card.Stability), MinimumStability, MaximumStability)
                    : Math.Clamp(StabilityAfterRecall(card.Difficulty, card.Stability, r, g), MinimumStability, MaximumStability);
            }
        }

        // Whole-day intervals for all four grades, then kept in order (fsrs.md: after the maximum-interval clamp).
        var again = Interval(stability[0], elapsed, at, card.Reps);
        var hard = Interval(stability[1], elapsed, at, card.Reps);
        var good = Interval(stability[2], elapsed, at, card.Reps);
        var easy = Interval(stability[3], elapsed, at, card.Reps);
        again = Math.Min(again, hard);
        hard = Math.Max(hard, again + 1);
        good = Math.Max(good, hard + 1);
        easy = Math.Max(easy, good + 1);
        var days = rating switch
        {
            Rating.Again => again,
            Rating.Hard => hard,
            Rating.Good => good,
            _ => easy,
        };

        var index = (int)rating - 1;
        var after = new FsrsCard
        {
            State = FsrsState.Review,
            Stability = stability[index],
            Difficulty = difficulty[index],
            ScheduledDays = days,
            Due = at.AddDays(days),
            Reps = card.Reps + 1,
            Lapses = card.Lapses + (rating == Rating.Again && !isNew ? 1 : 0),
            LastReview = at,
        };
        return new FsrsReview(card, after, rating, at, elapsed);
    }

    /// <summary>Predicted probability of recall at <paramref name="at"/>, counting days in the learner's calendar; 0 for a card never reviewed.</summary>
    public double Retrievability(FsrsCard card, DateTimeOffset at, TimeZoneInfo? learnerTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.LastReview is not { } last || card.Stability <= 0)
        {
            return 0;
        }
        var zone = learnerTimeZone ?? TimeZoneInfo.Utc;
        return Retrievability(Math.Max(0, LocalDayNumber(at, zone) - LocalDayNumber(last, zone)), card.Stability);
    }

    /// <summary>Formula 1, rounded to 8 decimals as ts-fsrs does before using it.</summary>
    public double Retrievability(int elapsedDays, double stability) =>
        RoundTo8(Math.Pow(1 + _factor * elapsedDays / stability, _decay));

    /// <summary>The learner's calendar day as a number: days counted in their time zone, rolling over at local midnight.</summary>
    public static int LocalDayNumber(DateTimeOffset at, TimeZoneInfo zone) => LocalCalendar.LocalDate(at, zone).DayNumber;

    private double InitialDifficulty(int grade) => _w[4] - Math.Exp(_w[5] * (grade - 1)) + 1;

    private double NextDifficulty(double d, int grade)
    {
        var delta = -_w[6] * (grade - 3);
        var damped = d + RoundTo8(delta * (10 - d) / 9);
        return Math.Clamp(RoundTo8(_w[7] * _meanReversionTarget + (1 - _w[7]) * damped), 1, 10);
    }

    private double StabilityAfterRecall(double d, double s, double r, int grade)
    {
        var hardPenalty = grade == 2 ? _w[15] : 1;
        var easyBonus = grade == 4 ? _w[16] : 1;
        return RoundTo8(s * (1 + Math.Exp(_w[8]) * (11 - d) * Math.Pow(s, -_w[9]) * (Math.Exp((1 - r) * _w[10]) - 1) * hardPenalty * easyBonus));
    }

    private double StabilityAfterLapse(double d, double s, double r) =>
        RoundTo8(_w[11] * Math.Pow(d, -_w[12]) * (Math.Pow(s + 1, _w[13]) - 1) * Math.Exp((1 - r) * _w[14]));

    private int Interval(double stability, int elapsedDays, DateTimeOffset at, int reps)
    {
        var interval = (int)Math.Clamp(Math.Floor(stability * _intervalModifier + 0.5), 1, Parameters.MaximumInterval);
        return Parameters.EnableFuzz ? Fuzz(interval, elapsedDays, at, reps) : interval;
    }

    /// <summary>ts-fsrs <c>get_fuzz_range</c> / <c>apply_fuzz</c> (fsrs.md B.7), with a reproducible random source.</summary>
    private int Fuzz(int interval, int elapsedDays, DateTimeOffset at, int reps)
    {
        if (interval < 2.5)
        {
            return interval;
        }
        var delta = 1.0 + (0.15 * Math.Max(Math.Min(interval, 7) - 2.5, 0)) + (0.10 * Math.Max(Math.Min(interval, 20) - 7, 0)) + (0.05 * Math.Max(interval - 20, 0));
        var lo = (int)Math.Max(2, Math.Floor(interval - delta + 0.5));
        var hi = (int)Math.Min(Math.Floor(interval + delta + 0.5), Parameters.MaximumInterval);
        if (interval > elapsedDays)
        {
            lo = Math.Max(lo, elapsedDays + 1);
        }
        lo = Math.Min(lo, hi);
        var seed = unchecked((int)(Parameters.FuzzSeed ^ (at.ToUnixTimeMilliseconds() * 31) ^ (reps * 7919L)));
#pragma warning disable CA5394 // Not security: the interval fuzz is seeded on purpose so a review replays to the same due date (as ts-fsrs's seeded fuzz).
        var u = new Random(seed).NextDouble();
#pragma warning restore CA5394
        return (int)Math.Floor((u * (hi - lo + 1)) + lo);
    }

    /// <summary>JavaScript's Math.round(x·10⁸)/10⁸: half rounds up, as ts-fsrs's roundTo.</summary>
    private static double RoundTo8(double value) => Math.Floor((value * 1e8) + 0.5) / 1e8;
}
