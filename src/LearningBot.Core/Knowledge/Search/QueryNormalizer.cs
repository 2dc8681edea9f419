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
        // Workplace acronyms: the short form is kept (lessons may use it too) and the long form added.
        ["pr"] = "pr pull request", ["prs"] = "prs pull requests", ["mr"] = "mr merge request", ["rfc"] = "rfc request for comments",
        ["adr"] = "adr architecture decision record", ["adrs"] = "adrs architecture decision records", ["okr"] = "okr objectives and key results",
        ["okrs"] = "okrs objectives and key results", ["kpi"] = "kpi key performance indicator", ["kpis"] = "kpis key performance indicators",
        ["sla"] = "sla service level agreement", ["poc"] = "proof of concept", ["wip"] = "work in progress", ["qa"] = "quality assurance",
        ["ux"] = "user experience", ["ui"] = "user interface", ["dm"] = "direct message", ["dms"] = "direct messages", ["eow"] = "end of week",
        ["tldr"] = "summary", ["nda"] = "non-disclosure agreement", ["vp"] = "vice president", ["ic"] = "individual contributor",
        ["devs"] = "developers", ["eng"] = "engineering", ["prod"] = "production", ["repo"] = "repository", ["a11y"] = "accessibility",
        ["sso"] = "single sign-on", ["roi"] = "return on investment", ["tbd"] = "to be decided", ["ceo"] = "ceo chief executive",
        ["l&d"] = "learning and development", ["ppt"] = "presentation slides", ["xfn"] = "cross-functional",
        // Chat spellings and everyday words shortened.
        ["rn"] = "right now", ["tia"] = "thanks in advance", ["ty"] = "thank you", ["nvm"] = "never mind", ["afaik"] = "as far as i know",
        ["iirc"] = "if i remember correctly", ["abt"] = "about", ["b/c"] = "because", ["wk"] = "week", ["wks"] = "weeks", ["yr"] = "year",
        ["yrs"] = "years", ["hrs"] = "hours", ["mins"] = "minutes", ["sth"] = "something", ["smth"] = "something",
        ["govt"] = "government", ["approx"] = "approximately", ["thru"] = "through", ["tho"] = "though", ["gonna"] = "going to",
        ["wanna"] = "want to", ["gotta"] = "have to", ["kinda"] = "kind of", ["sorta"] = "sort of", ["dunno"] = "do not know",
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
