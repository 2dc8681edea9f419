namespace LearningBot.Core.CourseBuilder;

/// <summary>One microlesson's worth of a document: its title, its blocks (sub-headings included) and the words it holds.</summary>
public sealed record LessonChunk(string Title, IReadOnlyList<DocumentBlock> Blocks)
{
    public int Words => Blocks.Sum(b => b.Words);

    /// <summary>"pages 3–4" or "lines 10–48": where the chunk is in the document.</summary>
    public string Source => DocumentText.Describe(Blocks);
}

/// <summary>
/// Splits a document by its structure into microlessons of <see cref="CourseBuilderOptions.MinLessonMinutes"/> to
/// <see cref="CourseBuilderOptions.MaxLessonMinutes"/> minutes of reading: a heading's section that fits is one lesson;
/// a longer one is split at its sub-headings, then at paragraphs; short neighbours under the same heading are joined.
/// </summary>
public static class LessonSplitter
{
    private sealed class Node(DocumentBlock? heading)
    {
        public DocumentBlock? Heading { get; } = heading;
        public List<DocumentBlock> Content { get; } = [];
        public List<Node> Children { get; } = [];
        public int Words => (Heading?.Words ?? 0) + Content.Sum(b => b.Words) + Children.Sum(c => c.Words);

        public IEnumerable<DocumentBlock> All()
        {
            if (Heading is not null)
            {
                yield return Heading;
            }
            foreach (var block in Content)
            {
                yield return block;
            }
            foreach (var block in Children.SelectMany(c => c.All()))
            {
                yield return block;
            }
        }
    }

    public static IReadOnlyList<LessonChunk> Split(SourceDocument document, CourseBuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var min = options.MinLessonMinutes * options.WordsPerMinute;
        var max = options.MaxLessonMinutes * options.WordsPerMinute;
        var root = Tree(document.Blocks);
        var fallbackTitle = Path.GetFileNameWithoutExtension(document.Name);
        // A document with one top heading (its title) is split under it.
        if (root.Content.Count == 0 && root.Children.Count == 1 && root.Words > max)
        {
            var only = root.Children[0];
            fallbackTitle = only.Heading!.Text;
            root = new Node(null);
            root.Content.AddRange(only.Content);
            root.Children.AddRange(only.Children);
        }
        var pieces = new List<(string Title, List<DocumentBlock> Blocks)>();
        SplitNode(root, fallbackTitle, min, max, pieces);
        return Merge(pieces, min, max).Select(p => new LessonChunk(p.Title, p.Blocks)).ToList();
    }

    private static Node Tree(IReadOnlyList<DocumentBlock> blocks)
    {
        var root = new Node(null);
        var path = new List<(int Level, Node Node)> { (0, root) };
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                while (path[^1].Level >= block.Level)
                {
                    path.RemoveAt(path.Count - 1);
                }
                var node = new Node(block);
                path[^1].Node.Children.Add(node);
                path.Add((block.Level, node));
            }
            else
            {
                path[^1].Node.Content.Add(block);
            }
        }
        return root;
    }

    private static void SplitNode(Node node, string title, int min, int max, List<(string, List<DocumentBlock>)> pieces)
    {
        var heading = node.Heading?.Text ?? title;
        if (node.Heading is not null && node.Words <= max)
        {
            pieces.Add((heading, node.All().ToList()));
            return;
        }
        // The text before the first sub-heading: its own lesson(s), or joined to the first child when short.
        var intro = new List<DocumentBlock>();
        if (node.Heading is not null)
        {
            intro.Add(node.Heading);
        }
        intro.AddRange(node.Content);
        var introWords = intro.Sum(b => b.Words);
        if (node.Content.Count > 0)
        {
            if (introWords > max)
            {
                var part = 1;
                foreach (var slice in ByParagraphs(intro, max))
                {
                    pieces.Add((part == 1 ? heading : $"{heading} (part {part})", slice));
                    part++;
                }
            }
            else
            {
                pieces.Add((heading, intro));
            }
        }
        foreach (var child in node.Children)
        {
            SplitNode(child, heading, min, max, pieces);
        }
    }

    /// <summary>Consecutive slices of at most <paramref name="max"/> words, cut between blocks (a block longer than that is a slice alone).</summary>
    private static IEnumerable<List<DocumentBlock>> ByParagraphs(List<DocumentBlock> blocks, int max)
    {
        var total = blocks.Sum(b => b.Words);
        var parts = Math.Max(1, (int)Math.Ceiling(total / (double)max));
        var target = total / (double)parts;
        var current = new List<DocumentBlock>();
        var words = 0;
        foreach (var block in blocks)
        {
            if (current.Count > 0 && (words + block.Words > max || words >= target) && block.Kind != BlockKind.Heading
                && current[^1].Kind != BlockKind.Heading)
            {
                yield return current;
                current = [];
                words = 0;
            }
            current.Add(block);
            words += block.Words;
        }
        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>Joins a piece shorter than <paramref name="min"/> words to its neighbour when the two still fit in <paramref name="max"/>.</summary>
    private static List<(string Title, List<DocumentBlock> Blocks)> Merge(List<(string Title, List<DocumentBlock> Blocks)> pieces, int min, int max)
    {
        var merged = new List<(string Title, List<DocumentBlock> Blocks)>();
        foreach (var piece in pieces)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                var lastWords = last.Blocks.Sum(b => b.Words);
                var words = piece.Blocks.Sum(b => b.Words);
                if ((lastWords < min || words < min) && lastWords + words <= max)
                {
                    // A piece of headings alone (a part title) takes the name of what follows it.
                    var title = last.Blocks.All(b => b.Kind == BlockKind.Heading) ? piece.Title : last.Title;
                    merged[^1] = (title, [.. last.Blocks, .. piece.Blocks]);
                    continue;
                }
            }
            merged.Add(piece);
        }
        return merged;
    }
}
