namespace LearningBot.Core.Quizzes.Fsrs;

/// <summary>What the scheduler is tuned with. Defaults are ts-fsrs 5.x's (fsrs.md B.4, B.5) with fuzz off.</summary>
public sealed record FsrsParameters
{
    /// <summary>The 21 FSRS-6 default weights (ts-fsrs <c>default_w</c> since PR #196; decay w[20] = 0.1542).</summary>
    public static IReadOnlyList<double> DefaultWeights { get; } =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    public IReadOnlyList<double> Weights { get; init; } = DefaultWeights;

    /// <summary>Target probability of recall when a card comes due. The product allows 0.70–0.97 (QuizOptions); the algorithm accepts (0, 1].</summary>
    public double DesiredRetention { get; init; } = 0.9;

    /// <summary>Longest interval in days before the ordering of grades (which may add one or two days).</summary>
    public int MaximumInterval { get; init; } = 36500;

    /// <summary>Spread due dates a little so cards learned together do not stay together. Off by default, as in ts-fsrs.</summary>
    public bool EnableFuzz { get; init; }

    /// <summary>Seed of the fuzz; the same seed, review time and reps give the same interval.</summary>
    public long FuzzSeed { get; init; }

    internal void Validate()
    {
        if (Weights is null || Weights.Count != 21)
        {
            throw new ArgumentException($"FSRS-6 needs 21 weights; got {Weights?.Count ?? 0}.", nameof(Weights));
        }
        if (Weights.Any(w => !double.IsFinite(w)) || Weights[20] <= 0)
        {
            throw new ArgumentException("FSRS weights must be finite numbers and the decay w[20] positive.", nameof(Weights));
        }
        if (DesiredRetention is <= 0 or > 1 || double.IsNaN(DesiredRetention))
        {
            throw new ArgumentOutOfRangeException(nameof(DesiredRetention), DesiredRetention, "Desired retention must be above 0 and at most 1.");
        }
        if (MaximumInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumInterval), MaximumInterval, "The maximum interval must be at least one day.");
        }
    }
}
