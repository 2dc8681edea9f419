using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Storage;
using LearningBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Knowledge;

public sealed class LessonImporterTests
{
    private static Task<ImportReport> Import(TestDatabase db, string folder) =>
        db.With<LessonImporter, ImportReport>(importer => importer.ImportAsync(folder, CancellationToken.None));

    [Fact]
    public async Task Importing_the_same_folder_twice_changes_nothing_the_second_time()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var folder = new LessonFolder().Write("a.md", LessonFolder.Lesson("a")).Write("b.md", LessonFolder.Lesson("b", title: "Other"));

        var first = await Import(db, folder.Path);
        var second = await Import(db, folder.Path);

        Assert.Equal(2, first.Added.Count);
        Assert.Empty(second.Added);
        Assert.Empty(second.Updated);
        Assert.Equal(2, second.Unchanged.Count);
    }

    [Fact]
    public async Task A_changed_file_updates_its_lesson_in_place_and_keeps_questions_by_id()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var folder = new LessonFolder().Write("a.md", LessonFolder.Lesson("a", quiz: LessonFolder.Quiz("a-q1", "a-q2")));
        await Import(db, folder.Path);

        folder.Write("a.md", LessonFolder.Lesson("a", title: "Better title", quiz: LessonFolder.Quiz("a-q1", "a-q3")));
        var report = await Import(db, folder.Path);

        Assert.Single(report.Updated);
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        Assert.Equal("Better title", (await context.Lessons.SingleAsync()).Title);
        var questions = await context.QuizQuestions.OrderBy(q => q.Id).Select(q => new { q.Id, q.Retired }).ToListAsync();
        Assert.Equal(["a-q1:False", "a-q2:True", "a-q3:False"], questions.Select(q => $"{q.Id}:{q.Retired}"));
    }

    [Fact]
    public async Task A_removed_file_retires_its_lesson_and_it_is_no_longer_served()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var folder = new LessonFolder().Write("a.md", LessonFolder.Lesson("a")).Write("b.md", LessonFolder.Lesson("b"));
        await Import(db, folder.Path);

        folder.Delete("b.md");
        var report = await Import(db, folder.Path);

        Assert.Equal("b.md (b)", Assert.Single(report.Retired));
        Assert.Null(await db.With<LessonCatalog, Core.Knowledge.LessonRecord?>(c => c.FindAsync("b", CancellationToken.None)));
        Assert.NotNull(await db.With<LessonCatalog, Core.Knowledge.LessonRecord?>(c => c.FindAsync("a", CancellationToken.None)));
    }

    [Fact]
    public async Task A_broken_file_is_rejected_and_the_others_still_import()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var folder = new LessonFolder()
            .Write("good.md", LessonFolder.Lesson("good"))
            .Write("bad.md", "---\nid: bad\ntitle: No summary\n---\nbody");

        var report = await Import(db, folder.Path);

        Assert.Equal("good.md (good)", Assert.Single(report.Added));
        var problem = Assert.Single(report.Rejected);
        Assert.Equal("bad.md", problem.File);
        Assert.Contains("'summary' is required", problem.Rule, StringComparison.Ordinal);
        Assert.Equal(1, await db.With<LessonCatalog, int>(c => c.CountAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_duplicate_lesson_id_rejects_the_second_file()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var folder = new LessonFolder().Write("1.md", LessonFolder.Lesson("same")).Write("2.md", LessonFolder.Lesson("same"));

        var report = await Import(db, folder.Path);

        Assert.Single(report.Added);
        Assert.Contains("already used by 1.md", Assert.Single(report.Rejected).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiz_id_taken_by_another_lesson_is_rejected()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var folder = new LessonFolder()
            .Write("1.md", LessonFolder.Lesson("one", quiz: LessonFolder.Quiz("shared-q1")))
            .Write("2.md", LessonFolder.Lesson("two", quiz: LessonFolder.Quiz("shared-q1")));

        var report = await Import(db, folder.Path);

        Assert.Equal("1.md (one)", Assert.Single(report.Added));
        Assert.Contains("quiz id 'shared-q1'", Assert.Single(report.Rejected).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_library_in_content_imports_without_rejections()
    {
        await using var db = await TestDatabase.CreateAsync();

        var report = await Import(db, RepositoryPaths.Content);

        Assert.Empty(report.Rejected);
        Assert.True(report.Added.Count >= 20, $"only {report.Added.Count} lessons in content/");
    }
}
