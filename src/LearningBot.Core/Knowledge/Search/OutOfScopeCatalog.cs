using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>A kind of request the bot does not cover, and where people should go instead.</summary>
public sealed record OutOfScopeTopic(string Topic, string? Where);

/// <summary>
/// The organisation's list of example requests the bot does not cover (IT help desk, payroll, facilities, …).
/// RETRIEVAL-NOTES: declining when a question is closer to this list than to any lesson separated out-of-scope
/// questions best, and it gives the person a pointer rather than a shrug. The file is YAML:
/// <code>
/// - topic: IT help desk
///   where: "IT service desk: #it-help"
///   examples: [reset my password, my laptop will not start]
/// </code>
/// A missing file means no list; a broken one is reported at start-up (the bot runs without it).
/// </summary>
public sealed class OutOfScopeCatalog(ISentenceEmbedder embedder, IOptions<KnowledgeOptions> options)
{
    private readonly Lazy<IReadOnlyList<(OutOfScopeTopic Topic, float[] Vector)>> _examples = new(() => Load(embedder, options.Value.OutOfScopePath));

    /// <summary>The closest example's topic and cosine, or null when the list is empty.</summary>
    public (OutOfScopeTopic Topic, double Similarity)? Closest(float[] query)
    {
        (OutOfScopeTopic, double)? best = null;
        foreach (var (topic, vector) in _examples.Value)
        {
            var similarity = MiniLmSentenceEmbedder.Dot(query, vector);
            if (best is null || similarity > best.Value.Item2)
            {
                best = (topic, similarity);
            }
        }
        return best;
    }

    public int Count => _examples.Value.Count;

    internal static IReadOnlyList<(OutOfScopeTopic, float[])> Load(ISentenceEmbedder embedder, string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return [];
        }
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }
        var examples = new List<(OutOfScopeTopic, string)>();
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlSequenceNode topics)
        {
            foreach (var node in topics.Children.OfType<YamlMappingNode>())
            {
                string? Scalar(string key) => node.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == key).Value is YamlScalarNode { Value: { } v } ? v : null;
                var topic = new OutOfScopeTopic(Scalar("topic") ?? "other requests", Scalar("where"));
                if (node.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == "examples").Value is YamlSequenceNode list)
                {
                    examples.AddRange(list.Children.OfType<YamlScalarNode>().Where(e => !string.IsNullOrWhiteSpace(e.Value)).Select(e => (topic, e.Value!)));
                }
            }
        }
        var vectors = embedder.Embed(examples.Select(e => e.Item2).ToList(), CancellationToken.None);
        return examples.Select((e, i) => (e.Item1, vectors[i])).ToList();
    }
}
