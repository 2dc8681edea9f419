// FSRS micro-benchmark: how many reviews per second FsrsScheduler schedules on one core.
// Run: dotnet run -c Release --project bench/FsrsThroughput [-- reviews]
using System.Diagnostics;
using System.Globalization;
using LearningBot.Core.Quizzes.Fsrs;

var reviews = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000_000;
var fsrs = new FsrsScheduler(new FsrsParameters());
var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
var random = new Random(7);
var start = new DateTimeOffset(2026, 1, 5, 8, 30, 0, TimeSpan.Zero);

// Cards of 1,000 learners × questions, each reviewed on its due date with a rating mix like the vectors' (65% Good).
Rating NextRating() => random.NextDouble() switch { < 0.15 => Rating.Again, < 0.25 => Rating.Hard, < 0.90 => Rating.Good, _ => Rating.Easy };
var cards = Enumerable.Range(0, 1000).Select(_ => FsrsCard.New(start)).ToArray();
for (var i = 0; i < 20_000; i++)
{
    var c = cards[i % cards.Length];
    var warm = fsrs.Review(c, c.Due, NextRating(), berlin).After; // warm-up
    cards[i % cards.Length] = warm.Reps > 12 || warm.Due.Year > 2200 ? FsrsCard.New(start) : warm;
}

var stopwatch = Stopwatch.StartNew();
for (var i = 0; i < reviews; i++)
{
    var index = i % cards.Length;
    var card = cards[index];
    var next = fsrs.Review(card, card.Due, NextRating(), berlin).After;
    cards[index] = next.Reps > 12 || next.Due.Year > 2200 ? FsrsCard.New(start) : next;
}
stopwatch.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"FSRS-6: {reviews:N0} reviews in {stopwatch.Elapsed.TotalSeconds:F2} s = {reviews / stopwatch.Elapsed.TotalSeconds:N0} reviews/s (one thread, learner time zone Europe/Berlin, .NET {Environment.Version})"));
