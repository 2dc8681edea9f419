using System.Text;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.People;

/// <summary>One rejected row of a people file: its line and what is wrong, in words an admin can act on.</summary>
public sealed record PeopleImportError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>What an import did. Rows with errors are skipped; every other row is applied, in one transaction.</summary>
public sealed record PeopleImportReport(int Added, int Updated, int Unchanged, IReadOnlyList<PeopleImportError> Errors);

/// <summary>
/// Imports the people directory from CSV: <c>email,name,manager_email,team,role</c> (a header row naming those columns,
/// in any order; quoted fields as in RFC 4180), and optionally <c>start_date</c> (yyyy-MM-dd, a new hire's first day: their
/// onboarding journey starts then) and <c>buddy_email</c> (the learning buddy their manager chose); files without those
/// two columns import as before and leave them as they are. People are matched by email, so importing again updates them; people
/// missing from a later file are left as they are. A manager must be in the file or already in the directory, and a
/// reporting line may not loop back on itself.
/// </summary>
public sealed class PeopleImporter(LearningBotDbContext db, TimeProvider clock)
{
    public const int MaxRows = 100_000;
    public const int MaxFieldLength = 200;
    private static readonly string[] Columns = ["email", "name", "manager_email", "team", "role"];
    private static readonly string[] OptionalColumns = ["start_date", "buddy_email"];
    // The free-text columns held to MaxFieldLength.
    private static readonly string[] LimitedColumns = ["name", "team", "role"];

    private sealed record Row(int Line, string Email, string Name, string? ManagerEmail, string? Team, string? Role, DateOnly? StartDate, string? BuddyEmail);

    public async Task<PeopleImportReport> ImportAsync(TextReader csv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new List<PeopleImportError>();
        var records = CsvRecords(csv).GetEnumerator();
        if (!records.MoveNext())
        {
            return new PeopleImportReport(0, 0, 0, [new PeopleImportError(1, "The file is empty. The first line must be the header: " + string.Join(',', Columns))]);
        }
        var header = records.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new PeopleImportReport(0, 0, 0, [new PeopleImportError(records.Current.Line,
                $"The header is missing {string.Join(", ", missing)}. The first line must name the columns: {string.Join(',', Columns)}")]);
        }
        var index = Columns.Concat(OptionalColumns).ToDictionary(c => c, c => header.IndexOf(c));
        var hasStartDate = index["start_date"] >= 0;
        var hasBuddy = index["buddy_email"] >= 0;

        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        var count = 0;
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (++count > MaxRows)
            {
                errors.Add(new PeopleImportError(line, $"The file has more than {MaxRows:N0} people; split it into several files."));
                break;
            }
            if (fields.Count != header.Count)
            {
                errors.Add(new PeopleImportError(line, $"Expected {header.Count} fields, found {fields.Count}. Quote a field that contains a comma."));
                continue;
            }
            string Field(string column) => index[column] < 0 ? "" : fields[index[column]].Trim();
            var emailText = Field("email");
            var email = EmailAddress.Normalize(emailText);
            var name = Field("name");
            var managerText = Field("manager_email");
            var manager = managerText.Length == 0 ? null : EmailAddress.Normalize(managerText);
            var startText = Field("start_date");
            DateOnly? start = DateOnly.TryParseExact(startText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed) ? parsed : null;
            var buddyText = Field("buddy_email");
            var buddy = buddyText.Length == 0 ? null : EmailAddress.Normalize(buddyText);
            var problem =
                email is null ? $"\"{emailText}\" is not an email address." :
                name.Length == 0 ? "The name is empty." :
                managerText.Length > 0 && manager is null ? $"The manager_email \"{managerText}\" is not an email address." :
                manager == email ? "A person cannot be their own manager." :
                startText.Length > 0 && start is null ? $"The start_date \"{startText}\" is not a date; write it as yyyy-MM-dd, e.g. 2026-03-02." :
                buddyText.Length > 0 && buddy is null ? $"The buddy_email \"{buddyText}\" is not an email address." :
                buddy is not null && buddy == email ? "A person cannot be their own learning buddy." :
                buddy is not null && buddy == manager ? "The learning buddy should not be the person's manager; name a colleague, or leave buddy_email empty." :
                rows.TryGetValue(email, out var earlier) ? $"{email} is already on line {earlier.Line}." :
                LimitedColumns.FirstOrDefault(c => Field(c).Length > MaxFieldLength) is { } tooLong ? $"The {tooLong} is longer than {MaxFieldLength} characters." :
                null;
            if (problem is not null)
            {
                errors.Add(new PeopleImportError(line, problem));
                continue;
            }
            rows[email!] = new Row(line, email!, name, manager, NullIfEmpty(Field("team")), NullIfEmpty(Field("role")), start, buddy);
        }

        var existing = await db.People.Where(p => p.Email != null).ToDictionaryAsync(p => p.Email!, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var existingById = existing.Values.ToDictionary(p => p.Id);
        // Managers must be known; then no reporting line may loop. Dropping a row can orphan its reports, so repeat.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var row in rows.Values.ToList())
            {
                var problem = row.ManagerEmail is { } m && !rows.ContainsKey(m) && !existing.ContainsKey(m)
                    ? $"The manager {m} is neither in this file (without errors) nor in the directory."
                    : row.BuddyEmail is { } b && !rows.ContainsKey(b) && !existing.ContainsKey(b)
                    ? $"The buddy {b} is neither in this file (without errors) nor in the directory."
                    : Loop(row, rows, existing, existingById) is { } loop ? $"The reporting line loops: {loop}." : null;
                if (problem is not null)
                {
                    errors.Add(new PeopleImportError(row.Line, problem));
                    rows.Remove(row.Email);
                    changed = true;
                }
            }
        }

        var now = clock.GetUtcNow();
        int added = 0, updated = 0, unchanged = 0;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        foreach (var row in rows.Values)
        {
            if (!existing.TryGetValue(row.Email, out var person))
            {
                person = new PersonRecord { Id = Guid.NewGuid(), Email = row.Email, DisplayName = row.Name, CreatedAt = now };
                db.People.Add(person);
                existing[row.Email] = person;
                added++;
            }
        }
        foreach (var row in rows.Values)
        {
            var person = existing[row.Email];
            Guid? managerId = row.ManagerEmail is { } m ? existing[m].Id : null;
            var startDate = hasStartDate ? row.StartDate : person.StartDate;
            var buddyId = hasBuddy ? (row.BuddyEmail is { } b ? existing[b].Id : null) : person.BuddyPersonId;
            var isNew = db.Entry(person).State == EntityState.Added;
            if (!isNew && person.DirectoryUpdatedAt is not null && person.DisplayName == row.Name && person.ManagerPersonId == managerId
                && person.Team == row.Team && person.Role == row.Role && person.StartDate == startDate && person.BuddyPersonId == buddyId)
            {
                unchanged++;
                continue;
            }
            updated += isNew ? 0 : 1;
            person.DisplayName = row.Name;
            person.ManagerPersonId = managerId;
            person.Team = row.Team;
            person.Role = row.Role;
            person.StartDate = startDate;
            person.BuddyPersonId = buddyId;
            person.DirectoryUpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PeopleImportReport(added, updated, unchanged, [.. errors.OrderBy(e => e.Line)]);
    }

    /// <summary>"a → b → a" when following managers from the row comes back to it; null when the line ends.</summary>
    private static string? Loop(Row row, Dictionary<string, Row> rows, Dictionary<string, PersonRecord> existing, Dictionary<Guid, PersonRecord> byId)
    {
        var path = new List<string> { row.Email };
        var current = row.ManagerEmail;
        while (current is not null && path.Count <= rows.Count + existing.Count + 1)
        {
            path.Add(current);
            if (current == row.Email)
            {
                return string.Join(" → ", path);
            }
            if (path.Count(p => p == current) > 1)
            {
                return null; // a loop further up, reported on its own rows
            }
            current = rows.TryGetValue(current, out var next) ? next.ManagerEmail
                : existing.TryGetValue(current, out var known) && known.ManagerPersonId is { } id && byId.TryGetValue(id, out var boss) ? boss.Email
                : null;
        }
        return null;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>RFC 4180 records with the line each starts on: commas, quoted fields with "" escapes and line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> CsvRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (start, fields);
                    fields = [];
                    any = false;
                    start = ++line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
