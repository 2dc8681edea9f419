namespace LearningBot.Core.Analytics;

/// <summary>
/// Psychological safety as code: a group's figures are shown only when it has at least the minimum number of people.
/// Smaller teams are folded into one "other" group; when "other" would itself be too small, the next-smallest teams
/// join it until it is large enough, so no hidden group can be worked out by subtracting the shown ones from a total.
/// </summary>
public static class GroupRule
{
    /// <summary>The name of the group small teams are folded into (and of people without a team).</summary>
    public const string Other = "other";

    /// <summary>
    /// Groups people by team under the rule: each returned group has at least <paramref name="minGroupSize"/> people;
    /// nothing is returned when everyone together is fewer.
    /// </summary>
    public static IReadOnlyList<PeopleGroup> Fold(IEnumerable<(Guid Person, string? Team)> people, int minGroupSize)
    {
        ArgumentNullException.ThrowIfNull(people);
        var byTeam = people
            .GroupBy(p => string.IsNullOrWhiteSpace(p.Team) ? Other : p.Team.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new PeopleGroup(string.Equals(g.Key, Other, StringComparison.OrdinalIgnoreCase) ? Other : g.First().Team!.Trim(), g.Select(p => p.Person).ToHashSet()))
            .ToList();
        if (byTeam.Sum(g => g.People.Count) < minGroupSize)
        {
            return [];
        }
        var shown = byTeam.Where(g => g.Name != Other && g.People.Count >= minGroupSize).OrderBy(g => g.People.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var other = byTeam.Where(g => g.Name == Other || g.People.Count < minGroupSize).SelectMany(g => g.People).ToHashSet();
        while (other.Count is > 0 && other.Count < minGroupSize && shown.Count > 0)
        {
            other.UnionWith(shown[0].People);
            shown.RemoveAt(0);
        }
        var groups = shown.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (other.Count > 0)
        {
            groups.Add(new PeopleGroup(Other, other));
        }
        return groups;
    }
}

/// <summary>A group of people whose figures may be shown.</summary>
public sealed record PeopleGroup(string Name, IReadOnlySet<Guid> People);
