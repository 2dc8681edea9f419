using LearningBot.Core.Storage;
using LearningBot.Core.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge;

/// <summary>Reads served (not retired) lessons.</summary>
public sealed class LessonCatalog(LearningBotDbContext db)
{
    public Task<LessonRecord?> FindAsync(string lessonId, CancellationToken cancellationToken) =>
        db.Lessons.AsNoTracking()
            .Include(l => l.Sections.OrderBy(s => s.Ordinal))
            .Include(l => l.Questions.Where(q => !q.Retired).OrderBy(q => q.Ordinal))
            .AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Id == lessonId && !l.Retired, cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        db.Lessons.CountAsync(l => !l.Retired, cancellationToken);
}
