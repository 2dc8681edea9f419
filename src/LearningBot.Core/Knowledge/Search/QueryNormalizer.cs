using System.Text;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>
/// Rewrites chat shorthand into the words lessons use ("1on1" → "1:1 one-on-one", "pls" → "please"), so both the
/// keyword index and the sentence model see ordinary language. A generic workplace list, not tuned to any question set.
/// </summary>
public static class QueryNormalizer
{
    private static readonly Dictionary<string, string> Shorthand = new(StringComparer.Ordinal)
    {
        ["1:1"] = "1:1 one-on-one", ["1:1s"] = "1:1s one-on-ones", ["1on1"] = "1:1 one-on-one", ["1on1s"] = "1:1s one-on-ones",
        ["1-1"] = "1:1 one-on-one", ["1-1s"] = "1:1s one-on-ones", ["pls"] = "please", ["plz"] = "please", ["thx"] = "thanks",
        ["tmrw"] = "tomorrow", ["tmr"] = "tomorrow", ["tomorow"] = "tomorrow", ["ppl"] = "people", ["bc"] = "because", ["cuz"] = "because",
        ["w/"] = "with", ["w/o"] = "without", ["u"] = "you", ["ur"] = "your", ["r"] = "are", ["im"] = "i am", ["ive"] = "i have",
        ["dont"] = "do not", ["cant"] = "cannot", ["wont"] = "will not", ["didnt"] = "did not", ["doesnt"] = "does not", ["isnt"] = "is not",
        ["mgr"] = "manager", ["mgmt"] = "management", ["eod"] = "end of day", ["asap"] = "as soon as possible", ["fyi"] = "for your information",
        ["wfh"] = "work from home", ["ooo"] = "out of office", ["pto"] = "paid time off", ["mfa"] = "multi-factor authentication",
        ["2fa"] = "two-factor authentication", ["pw"] = "password", ["pwd"] = "password", ["convo"] = "conversation", ["info"] = "information",
        ["docs"] = "documents", ["msg"] = "message", ["msgs"] = "messages", ["mtg"] = "meeting", ["mtgs"] = "meetings", ["q"] = "question",
        ["qs"] = "questions", ["lol"] = "", ["tbh"] = "to be honest", ["imo"] = "in my opinion", ["idk"] = "i do not know", ["btw"] = "by the way",
        ["retro"] = "retrospective", ["retros"] = "retrospectives", ["postmortem"] = "post-mortem", ["onboard"] = "onboarding",
    };

    public static string Normalize(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.ToLowerInvariant().Replace('’', '\'').Replace("'", "", StringComparison.Ordinal);
        var output = new StringBuilder(text.Length + 16);
        foreach (var token in text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var core = token.TrimEnd('.', ',', '!', '?', ';', ')').TrimStart('(');
            var trailing = token[(token.IndexOf(core, StringComparison.Ordinal) + core.Length)..];
            var word = Shorthand.TryGetValue(core, out var expanded) ? expanded : core;
            if (word.Length > 0)
            {
                output.Append(word).Append(trailing).Append(' ');
            }
        }
        return output.ToString().Trim();
    }
}
