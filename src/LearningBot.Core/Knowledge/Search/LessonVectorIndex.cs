using System.Diagnostics.CodeAnalysis;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>A served lesson view with its embedding.</summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "The vector is read in the search's inner loop (dot products over every view); an array avoids a copy per query.")]
public sealed record ViewVector(string LessonId, string Kind, int Ordinal, float[] Vector);

/// <summary>
/// The embeddings of every served lesson view, held in memory (a library of thousands of views is a few MB).
/// Reloaded when the library changes — checked with one cheap aggregate query, so several bot instances sharing
/// a database all see an import.
/// </summary>
public sealed class LessonVectorIndex
{
    private readonly Lock _gate = new();
    private (int Lessons, int MaxViewId, int Views) _version = (-1, -1, -1);
    private IReadOnlyList<ViewVector> _views = [];

    public async Task<IReadOnlyList<ViewVector>> ViewsAsync(LearningBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lessons = await db.Lessons.CountAsync(l => !l.Retired, cancellationToken).ConfigureAwait(false);
        var maxViewId = await db.LessonViews.MaxAsync(v => (int?)v.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        // The count notices a view removed (a 👍 taken back) that was not the newest.
        var count = await db.LessonViews.CountAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_version == (lessons, maxViewId, count))
            {
                return _views;
            }
        }
        var rows = await db.LessonViews.AsNoTracking()
            .Join(db.Lessons.Where(l => !l.Retired), v => v.LessonId, l => l.Id, (v, l) => new { v.LessonId, v.Kind, v.Ordinal, v.Embedding })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var views = rows.Select(r => new ViewVector(r.LessonId, r.Kind, r.Ordinal, MiniLmSentenceEmbedder.FromBytes(r.Embedding))).ToList();
        lock (_gate)
        {
            _views = views;
            _version = (lessons, maxViewId, count);
        }
        return views;
    }
}
