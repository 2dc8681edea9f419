using LearningBot.Core.Growth;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Tests.Growth;

/// <summary>The directory's start_date and buddy_email, the journey's days in a person's time zone and pause, and the options' rules.</summary>
public sealed class OnboardingTests
{
    private static Task<TestDatabase> CreateAsync(DateTimeOffset start) =>
        TestDatabase.CreateAsync([.. LearningBotFeatures.Essentials, new QuizFeature(), new GrowthFeature()], start: start);

    private static async Task<PeopleImportReport> ImportAsync(TestDatabase database, string csv)
    {
        using var reader = new StringReader(csv);
        return await database.With<PeopleImporter, PeopleImportReport>(importer => importer.ImportAsync(reader, CancellationToken.None));
    }

    private static async Task<OnboardingRunReport> RunAsync(TestDatabase database, DateTimeOffset at)
    {
        database.Clock.SetUtcNow(at);
        return await database.With<OnboardingScheduler, OnboardingRunReport>(s => s.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Start_date_and_buddy_email_are_optional_columns_checked_row_by_row_and_a_file_without_them_keeps_them()
    {
        await using var database = await CreateAsync(TestDatabase.DefaultStart);
        var report = await ImportAsync(database, "email,name,manager_email,team,role,start_date,buddy_email\n"
            + "grace@example.com,Grace,,,manager,,\n"                                  // 2
            + "ada@example.com,Ada,grace@example.com,,,2026-11-02,linus@example.com\n" // 3
            + "linus@example.com,Linus,,,,,\n"                                         // 4
            + "alan@example.com,Alan,grace@example.com,,,02/11/2026,\n"                // 5 bad date
            + "kay@example.com,Kay,grace@example.com,,,,grace@example.com\n"           // 6 buddy is the manager
            + "joan@example.com,Joan,,,,,nobody@example.com\n"                         // 7 unknown buddy
            + "mary@example.com,Mary,,,,,mary@example.com\n");                         // 8 own buddy
        Assert.Equal([5, 6, 7, 8], report.Errors.Select(e => e.Line));
        Assert.Contains("yyyy-MM-dd", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("manager", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("nobody@example.com", report.Errors[2].Message, StringComparison.Ordinal);

        var ada = await database.QueryAsync(db => db.People.SingleAsync(p => p.Email == "ada@example.com"));
        var linus = await database.QueryAsync(db => db.People.SingleAsync(p => p.Email == "linus@example.com"));
        Assert.Equal((new DateOnly(2026, 11, 2), linus.Id), (ada.StartDate!.Value, ada.BuddyPersonId!.Value));

        // An older export without the two columns still imports and leaves them as they are.
        var again = await ImportAsync(database, "email,name,manager_email,team,role\nada@example.com,Ada L.,grace@example.com,Platform,\n");
        Assert.Empty(again.Errors);
        ada = await database.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Email == "ada@example.com"));
        Assert.Equal(("Ada L.", new DateOnly(2026, 11, 2), linus.Id), (ada.DisplayName, ada.StartDate!.Value, ada.BuddyPersonId!.Value));
    }

    [Fact]
    public async Task A_new_hire_in_New_York_gets_each_step_at_09_30_local_across_the_DST_change_and_nothing_during_their_pause()
    {
        await using var database = await CreateAsync(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var hire = await database.PersonAsync("Hedy", timeZone: "America/New_York", email: "hedy@example.com");
        Assert.Empty((await ImportAsync(database, "email,name,manager_email,team,role,start_date\nhedy@example.com,Hedy,,,,2026-03-02\n")).Errors);

        // Monday 2 March, New York on EST (UTC−5): 09:30 is 14:30 UTC. The buddy waits for a volunteer.
        Assert.Equal(1, (await RunAsync(database, new DateTimeOffset(2026, 3, 2, 14, 29, 0, TimeSpan.Zero))).JourneysStarted);
        Assert.Equal(0, (await RunAsync(database, new DateTimeOffset(2026, 3, 2, 14, 29, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(1, (await RunAsync(database, new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal([OnboardingScheduler.WelcomeKind], await database.QueryAsync(db => db.Set<OutboxMessageRecord>().Where(m => m.PersonId == hire && m.Kind.StartsWith("growth")).Select(m => m.Kind).ToListAsync()));

        // Day 3 (Wednesday) at 09:30 EST. Then Hedy pauses until Thursday 12 March (quiz pause).
        Assert.Equal(1, (await RunAsync(database, new DateTimeOffset(2026, 3, 4, 14, 30, 0, TimeSpan.Zero))).MessagesQueued);
        await database.With<Core.Storage.LearningBotDbContext, int>(async db =>
        {
            db.Set<QuizSettingsRecord>().Add(new QuizSettingsRecord { PersonId = hire, PausedUntil = new DateOnly(2026, 3, 12), Stopped = true });
            return await db.SaveChangesAsync();
        });

        // Day 7 is Sunday 8 March, when New York moves to EDT (UTC−4); Monday to Wednesday are paused; Thursday 09:30 EDT is 13:30 UTC.
        Assert.Equal(0, (await RunAsync(database, new DateTimeOffset(2026, 3, 9, 13, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(0, (await RunAsync(database, new DateTimeOffset(2026, 3, 11, 13, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(0, (await RunAsync(database, new DateTimeOffset(2026, 3, 12, 13, 29, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(1, (await RunAsync(database, new DateTimeOffset(2026, 3, 12, 13, 30, 0, TimeSpan.Zero))).MessagesQueued);
        var checkIn = await database.QueryAsync(db => db.Set<OutboxMessageRecord>().SingleAsync(m => m.Kind == OnboardingScheduler.CheckInKind));
        Assert.Equal(("7", new DateTimeOffset(2026, 3, 12, 13, 30, 0, TimeSpan.Zero)), (checkIn.Payload, checkIn.NotBefore));
    }

    [Fact]
    public async Task Steps_long_overdue_are_skipped_and_an_old_start_date_starts_no_journey()
    {
        await using var database = await CreateAsync(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await database.PersonAsync("Hedy", timeZone: "Europe/Berlin", email: "hedy@example.com");
        await database.PersonAsync("Old", timeZone: "Europe/Berlin", email: "old@example.com");
        await ImportAsync(database, "email,name,manager_email,team,role,start_date\nhedy@example.com,Hedy,,,,2026-03-02\nold@example.com,Old,,,,2025-01-06\n");

        // First seen on day 10 (Wednesday 11 March): the welcome still goes, the goals card (due Wednesday 4th, 7 days late) is
        // skipped, the day-7 check-in (due Monday 9th, 2 days late) goes. A start date over a year ago starts nothing.
        var report = await RunAsync(database, new DateTimeOffset(2026, 3, 11, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal((1, 2, 1), (report.JourneysStarted, report.MessagesQueued, report.StepsSkipped));
        Assert.Equal([OnboardingScheduler.CheckInKind, OnboardingScheduler.WelcomeKind],
            await database.QueryAsync(db => db.Set<OutboxMessageRecord>().Where(m => m.Kind.StartsWith("growth")).Select(m => m.Kind).OrderBy(k => k).ToListAsync()));
    }

    [Theory]
    [InlineData("CheckInDays", "7,x", "CheckInDays")]
    [InlineData("CheckInDays", "30,7", "CheckInDays")]
    [InlineData("BuddyStarters", "only one", "BuddyStarters")]
    [InlineData("GoalsDay", "0", "GoalsDay")]
    [InlineData("MaxPathLessons", "0", "MaxPathLessons")]
    public void Options_that_cannot_work_are_refused_with_what_to_set(string key, string value, string named)
    {
        var options = new GrowthOptions();
        var property = typeof(GrowthOptions).GetProperty(key)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);
        var result = new GrowthOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains($"LearningBot:Growth:{named}", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new GrowthOptionsValidator().Validate(null, new GrowthOptions()).Succeeded);
    }
}
