using LearningBot.Core.Conversations;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.People;

public sealed class PeopleDirectoryTests
{
    private const string Header = "email,name,manager_email,team,role\n";

    private static async Task<PeopleImportReport> ImportAsync(TestDatabase database, string csv)
    {
        using var reader = new StringReader(csv);
        return await database.With<PeopleImporter, PeopleImportReport>(importer => importer.ImportAsync(reader, CancellationToken.None));
    }

    private static Task<T> QueryAsync<T>(TestDatabase database, Func<LearningBotDbContext, Task<T>> query) =>
        database.With<LearningBotDbContext, T>(query);

    [Fact]
    public async Task A_directory_imports_people_with_their_managers_in_any_order_and_quoted_fields()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, "\uFEFFname,email,team,role,manager_email\n"
            + "Ada Lovelace,Ada@Example.com,\"Platform, Core\",engineer,grace@example.com\n"
            + "Grace Hopper,grace@example.com,Platform,manager,\n");

        Assert.Equal((2, 0, 0), (report.Added, report.Updated, report.Unchanged));
        Assert.Empty(report.Errors);
        var ada = await QueryAsync(database, db => db.People.SingleAsync(p => p.Email == "ada@example.com"));
        var grace = await QueryAsync(database, db => db.People.SingleAsync(p => p.Email == "grace@example.com"));
        Assert.Equal(("Ada Lovelace", "Platform, Core", "engineer", grace.Id), (ada.DisplayName, ada.Team, ada.Role, ada.ManagerPersonId!.Value));
        Assert.True(await database.With<ReportingLines, bool>(lines => lines.IsManagerAsync(grace.Id, CancellationToken.None)));
        Assert.False(await database.With<ReportingLines, bool>(lines => lines.IsManagerAsync(ada.Id, CancellationToken.None)));
        Assert.Equal("Grace Hopper", await database.With<ReportingLines, string?>(lines => lines.ManagerNameAsync(ada.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Each_bad_row_is_reported_with_its_line_and_the_good_rows_are_still_imported()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, Header
            + "grace@example.com,Grace Hopper,,,\n"            // 2 fine
            + "not-an-email,Someone,,,\n"                       // 3
            + "ada@example.com,,grace@example.com,,\n"          // 4 no name
            + "alan@example.com,Alan,nobody@example.com,,\n"    // 5 unknown manager
            + "grace@example.com,Grace Again,,,\n"              // 6 duplicate
            + "x@example.com,X,y@example.com,,\n"               // 7 loop x → y → x
            + "y@example.com,Y,x@example.com,,\n"               // 8
            + "z@example.com,Z,z@example.com,,\n"               // 9 own manager
            + "too,many,fields,here,now,really\n"               // 10
            + "\n"
            + "linus@example.com,Linus,grace@example.com,Kernel,\n"); // 12 fine

        Assert.Equal(2, report.Added);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], report.Errors.Select(e => e.Line));
        Assert.Contains("not an email", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("name is empty", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("nobody@example.com is neither in this file", report.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("already on line 2", report.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("loops: x@example.com → y@example.com → x@example.com", report.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("own manager", report.Errors[6].Message, StringComparison.Ordinal);
        Assert.Contains("Expected 5 fields, found 6", report.Errors[7].Message, StringComparison.Ordinal);
        Assert.Equal(["grace@example.com", "linus@example.com"], await QueryAsync(database, db => db.People.Select(p => p.Email!).OrderBy(e => e).ToListAsync()));
    }

    [Fact]
    public async Task A_file_without_the_columns_is_refused_whole()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, "mail,fullname\nada@example.com,Ada\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("missing email, name, manager_email, team, role", error.Message, StringComparison.Ordinal);
        Assert.False(await QueryAsync(database, db => db.People.AnyAsync()));
    }

    [Fact]
    public async Task Importing_again_updates_by_email_and_counts_the_unchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, Header + "grace@example.com,Grace Hopper,,,\nada@example.com,Ada,,,\n");

        var report = await ImportAsync(database, Header + "grace@example.com,Grace Hopper,,,\nada@example.com,Ada Lovelace,grace@example.com,Platform,\n");

        Assert.Equal((0, 1, 1), (report.Added, report.Updated, report.Unchanged));
        Assert.Equal(2, await QueryAsync(database, db => db.People.CountAsync()));
        // A manager already in the directory may be named without being in the file.
        var later = await ImportAsync(database, Header + "alan@example.com,Alan,grace@example.com,,\n");
        Assert.Empty(later.Errors);
    }

    [Fact]
    public async Task An_account_whose_channel_gives_an_email_becomes_the_directory_person()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, Header + "grace@example.com,Grace Hopper,,,manager\nada@example.com,Ada Lovelace,grace@example.com,Platform,\n");
        var directoryAda = await QueryAsync(database, db => db.People.Where(p => p.Email == "ada@example.com").Select(p => p.Id).SingleAsync());

        // Slack gives the email with users.info; her Teams account arrives later with the same address.
        var slack = await database.With<PersonDirectory, Guid>(people => people.ResolveAsync(ChannelKind.Slack, new ChannelUser("U0ADA", "ada") { Email = "ADA@example.com" }, null, null, CancellationToken.None));
        var teams = await database.With<PersonDirectory, Guid>(people => people.ResolveAsync(ChannelKind.Teams, new ChannelUser("29:ada", "Ada L.") { Email = "ada@example.com" }, null, null, CancellationToken.None));

        Assert.Equal(directoryAda, slack);
        Assert.Equal(directoryAda, teams);
        Assert.Equal(1, await QueryAsync(database, db => db.People.CountAsync(p => p.Email == "ada@example.com")));
    }

    [Fact]
    public async Task A_person_known_from_chat_before_the_import_absorbs_their_directory_entry_when_the_email_is_learned()
    {
        await using var database = await TestDatabase.CreateAsync(services => services.AddScoped<IChannelPeopleLookup>(_ => new ListLookup(new ChannelUser("29:ada", "Ada") { Email = "ada@example.com" })));
        var chatAda = await database.With<PersonDirectory, Guid>(people => people.ResolveAsync(ChannelKind.Teams, new ChannelUser("29:ada", "Ada"), null, null, CancellationToken.None));
        await ImportAsync(database, Header + "ada@example.com,Ada Lovelace,,Platform,manager\nlinus@example.com,Linus,ada@example.com,,\n");
        Assert.Equal(3, await QueryAsync(database, db => db.People.CountAsync()));

        var turn = new Turn
        {
            Channel = ChannelKind.Teams, EventId = "e1", Kind = TurnKind.Message, From = new ChannelUser("29:ada", "Ada"), PersonId = chatAda,
            Conversation = new TurnConversation("a:ada", ConversationType.Personal),
        };
        var where = new ConversationReferenceRecord { Channel = ChannelKind.Teams, ConversationId = "a:ada", ConversationType = "Personal", ServiceUrl = "https://smba.example/" };
        var after = await database.With<PersonDirectory, Guid>(people => people.LearnEmailAsync(turn, where, CancellationToken.None));

        Assert.Equal(chatAda, after);
        var ada = await QueryAsync(database, db => db.People.SingleAsync(p => p.Id == chatAda));
        Assert.Equal(("ada@example.com", "Platform", "manager"), (ada.Email, ada.Team, ada.Role));
        Assert.Equal(2, await QueryAsync(database, db => db.People.CountAsync()));
        Assert.True(await QueryAsync(database, db => db.People.AnyAsync(p => p.Email == "linus@example.com" && p.ManagerPersonId == chatAda)));
        // Asked once; the next turn does not ask the channel again.
        Assert.Equal(after, await database.With<PersonDirectory, Guid>(people => people.LearnEmailAsync(turn with { EventId = "e2" }, where, CancellationToken.None)));
    }

    /// <summary>A channel lookup answering from a list, as a channel's member API would.</summary>
    private sealed class ListLookup(params ChannelUser[] users) : IChannelPeopleLookup
    {
        public ChannelKind Channel => ChannelKind.Teams;

        public Task<ChannelUser?> FindAsync(ConversationReferenceRecord where, string userId, CancellationToken cancellationToken) =>
            Task.FromResult(users.FirstOrDefault(u => u.Id == userId || u.AadObjectId == userId));
    }

    [Fact]
    public async Task Accounts_sharing_an_email_that_make_first_contact_at_the_same_moment_all_succeed_as_one_person()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, Header + "ada@example.com,Ada Lovelace,,Platform,engineer\n");
        var accounts = new List<(ChannelKind Channel, ChannelUser User)>();
        for (var round = 0; round < 4; round++)
        {
            accounts.Add((ChannelKind.Teams, new ChannelUser($"29:ada-{round}", "Ada") { Email = "Ada@Example.com" }));
            accounts.Add((ChannelKind.Slack, new ChannelUser($"U0ADA{round}", "Ada") { Email = "ada@example.com" }));
            accounts.Add((ChannelKind.Slack, new ChannelUser($"U0NEW{round}", "Newcomer") { Email = $"new{round}@example.com" }));
            accounts.Add((ChannelKind.Teams, new ChannelUser($"29:new-{round}", "Newcomer") { Email = $"new{round}@example.com" }));
        }

        using var start = new ManualResetEventSlim();
        var resolved = await Task.WhenAll(accounts.Select(a => Task.Run(async () =>
        {
            start.Wait(TimeSpan.FromSeconds(30));
            return await database.With<PersonDirectory, Guid>(directory => directory.ResolveAsync(a.Channel, a.User, null, null, CancellationToken.None));
        })).Append(Task.Run(() => { start.Set(); return Guid.Empty; })));

        var people = await QueryAsync(database, db => db.People.AsNoTracking().ToListAsync());
        var ada = Assert.Single(people, p => p.Email == "ada@example.com");
        Assert.Equal("engineer", ada.Role);
        Assert.Equal(5, people.Count);
        var owners = await QueryAsync(database, db => db.ChannelAccounts.AsNoTracking().ToDictionaryAsync(a => a.ExternalId, a => a.PersonId));
        Assert.Equal(accounts.Count, owners.Count);
        for (var i = 0; i < accounts.Count; i++)
        {
            Assert.Equal(owners[accounts[i].User.Id], resolved[i]);
        }
        Assert.All(accounts.Where(a => a.User.Email == "ada@example.com" || a.User.Email == "Ada@Example.com"), a => Assert.Equal(ada.Id, owners[a.User.Id]));
    }

    [Fact]
    public async Task Two_known_accounts_learning_the_same_email_at_the_same_moment_become_one_person()
    {
        for (var round = 0; round < 5; round++)
        {
            await using var database = await TestDatabase.CreateAsync();
            var teams = new ChannelUser("29:grace", "Grace");
            var slack = new ChannelUser("U0GRACE", "Grace");
            await database.With<PersonDirectory, Guid>(d => d.ResolveAsync(ChannelKind.Teams, teams, null, null, CancellationToken.None));
            await database.With<PersonDirectory, Guid>(d => d.ResolveAsync(ChannelKind.Slack, slack, null, null, CancellationToken.None));

            using var start = new ManualResetEventSlim();
            var both = new[] { (ChannelKind.Teams, teams), (ChannelKind.Slack, slack) }.Select(a => Task.Run(async () =>
            {
                start.Wait(TimeSpan.FromSeconds(30));
                return await database.With<PersonDirectory, Guid>(d => d.ResolveAsync(a.Item1, a.Item2 with { Email = "grace@example.com" }, null, null, CancellationToken.None));
            })).ToList();
            start.Set();
            var resolved = await Task.WhenAll(both);

            var grace = await QueryAsync(database, db => db.People.AsNoTracking().SingleAsync(p => p.Email == "grace@example.com"));
            Assert.Equal([grace.Id, grace.Id], resolved);
            Assert.Equal(2, await QueryAsync(database, db => db.ChannelAccounts.CountAsync(a => a.PersonId == grace.Id)));
        }
    }
}
