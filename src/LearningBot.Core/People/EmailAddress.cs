using System.Net.Mail;

namespace LearningBot.Core.People;

/// <summary>Work email addresses as the people directory keys them: trimmed, lower case, one plain address.</summary>
public static class EmailAddress
{
    public const int MaxLength = 320;

    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxLength || trimmed.Any(char.IsWhiteSpace) || trimmed.Count(c => c == '@') != 1
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }
        return trimmed.ToLowerInvariant();
    }
}
