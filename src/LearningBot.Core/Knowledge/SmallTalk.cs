using System.Globalization;
using System.Text;

namespace LearningBot.Core.Knowledge;

/// <summary>What kind of small talk a message is.</summary>
public enum SmallTalkKind
{
    /// <summary>"hi", "hello there", "good morning", "hallo", "bonjour"…</summary>
    Greeting,
    /// <summary>"thanks!", "thank you so much", "cheers", "danke", "merci"…</summary>
    Thanks,
    /// <summary>"how are you", "how's it going".</summary>
    HowAreYou,
    /// <summary>"bye", "see you", "good night".</summary>
    Farewell,
    /// <summary>"ok", "great", "got it", "cool".</summary>
    Acknowledgement,
}

/// <summary>
/// Greetings, thanks and the like are conversation, not questions for the library: answered briefly, never kept as a
/// content gap, never offered to the experts. A message is small talk only when every word of it is (so
/// "hi, how do I give feedback?" is still a question), and it is short.
/// </summary>
public static class SmallTalk
{
    private const int MaxWords = 7;

    // Anchors: a message must hold at least one of these to be small talk. Several languages, compared without accents.
    private static readonly Dictionary<string, SmallTalkKind> Anchors = new(StringComparer.Ordinal)
    {
        ["hi"] = SmallTalkKind.Greeting, ["hii"] = SmallTalkKind.Greeting, ["hello"] = SmallTalkKind.Greeting, ["hey"] = SmallTalkKind.Greeting,
        ["heya"] = SmallTalkKind.Greeting, ["hiya"] = SmallTalkKind.Greeting, ["howdy"] = SmallTalkKind.Greeting, ["yo"] = SmallTalkKind.Greeting,
        ["greetings"] = SmallTalkKind.Greeting, ["morning"] = SmallTalkKind.Greeting, ["afternoon"] = SmallTalkKind.Greeting, ["evening"] = SmallTalkKind.Greeting,
        ["hallo"] = SmallTalkKind.Greeting, ["moin"] = SmallTalkKind.Greeting, ["servus"] = SmallTalkKind.Greeting, ["morgen"] = SmallTalkKind.Greeting,
        ["tag"] = SmallTalkKind.Greeting, ["gruss"] = SmallTalkKind.Greeting, ["hola"] = SmallTalkKind.Greeting, ["buenos"] = SmallTalkKind.Greeting,
        ["buenas"] = SmallTalkKind.Greeting, ["bonjour"] = SmallTalkKind.Greeting, ["salut"] = SmallTalkKind.Greeting, ["coucou"] = SmallTalkKind.Greeting,
        ["bonsoir"] = SmallTalkKind.Greeting, ["ciao"] = SmallTalkKind.Greeting, ["buongiorno"] = SmallTalkKind.Greeting, ["ola"] = SmallTalkKind.Greeting,
        ["oi"] = SmallTalkKind.Greeting, ["hej"] = SmallTalkKind.Greeting, ["hoi"] = SmallTalkKind.Greeting, ["goedemorgen"] = SmallTalkKind.Greeting,
        ["thanks"] = SmallTalkKind.Thanks, ["thank"] = SmallTalkKind.Thanks, ["thx"] = SmallTalkKind.Thanks, ["thankyou"] = SmallTalkKind.Thanks,
        ["ty"] = SmallTalkKind.Thanks, ["tysm"] = SmallTalkKind.Thanks, ["cheers"] = SmallTalkKind.Thanks, ["ta"] = SmallTalkKind.Thanks,
        ["danke"] = SmallTalkKind.Thanks, ["dankeschon"] = SmallTalkKind.Thanks, ["merci"] = SmallTalkKind.Thanks, ["gracias"] = SmallTalkKind.Thanks,
        ["grazie"] = SmallTalkKind.Thanks, ["obrigado"] = SmallTalkKind.Thanks, ["obrigada"] = SmallTalkKind.Thanks, ["dank"] = SmallTalkKind.Thanks,
        ["bedankt"] = SmallTalkKind.Thanks, ["tack"] = SmallTalkKind.Thanks, ["appreciated"] = SmallTalkKind.Thanks,
        ["bye"] = SmallTalkKind.Farewell, ["goodbye"] = SmallTalkKind.Farewell, ["cya"] = SmallTalkKind.Farewell, ["later"] = SmallTalkKind.Farewell,
        ["night"] = SmallTalkKind.Farewell, ["tschuss"] = SmallTalkKind.Farewell, ["adios"] = SmallTalkKind.Farewell, ["revoir"] = SmallTalkKind.Farewell,
        ["ok"] = SmallTalkKind.Acknowledgement, ["okay"] = SmallTalkKind.Acknowledgement, ["k"] = SmallTalkKind.Acknowledgement, ["cool"] = SmallTalkKind.Acknowledgement,
        ["great"] = SmallTalkKind.Acknowledgement, ["nice"] = SmallTalkKind.Acknowledgement, ["awesome"] = SmallTalkKind.Acknowledgement, ["perfect"] = SmallTalkKind.Acknowledgement,
        ["super"] = SmallTalkKind.Acknowledgement, ["brilliant"] = SmallTalkKind.Acknowledgement, ["lovely"] = SmallTalkKind.Acknowledgement, ["noted"] = SmallTalkKind.Acknowledgement,
    };

    // Words that may stand beside an anchor without making the message a question.
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "there", "all", "everyone", "everybody", "folks", "team", "bot", "learningbot", "buddy", "friend", "mate",
        "good", "so", "very", "much", "a", "lot", "lots", "you", "u", "again", "really", "for", "that", "this", "the", "help",
        "man", "oh", "well", "many", "mille", "vielen", "muchas", "beaucoup", "guten", "dias", "tardes", "noches", "schonen",
        "see", "soon", "then", "for", "now", "got", "it", "sounds", "makes", "sense", "alright", "and", "to", "too",
        "how", "are", "is", "it's", "its", "going", "doing", "hows", "whats", "what's", "up", "sup", "wie", "gehts", "geht", "es", "ca", "va",
        "how's", "that's", "schon", "au", "dir", "ihnen", "allerseits", "zusammen", "le", "monde", "a", "tous", "todos", "bom", "dia",
    };

    /// <summary>The kind of small talk <paramref name="text"/> is, or null when it is (or contains) anything else.</summary>
    public static SmallTalkKind? Classify(string? text)
    {
        var words = Words(text);
        if (words.Count is 0 or > MaxWords)
        {
            return null;
        }
        SmallTalkKind? kind = null;
        foreach (var word in words)
        {
            if (Anchors.TryGetValue(word, out var anchor))
            {
                // Thanks outweighs a greeting ("hi, thanks!"); the first anchor decides otherwise.
                kind = kind is null || anchor == SmallTalkKind.Thanks ? anchor : kind;
            }
            else if (!Fillers.Contains(word))
            {
                return null;
            }
        }
        if (kind is null && IsHowAreYou(words))
        {
            return SmallTalkKind.HowAreYou;
        }
        if (kind == SmallTalkKind.Greeting && IsHowAreYou(words))
        {
            return SmallTalkKind.HowAreYou;
        }
        if (kind == SmallTalkKind.Farewell && words.Contains("good") && words.Contains("night"))
        {
            return SmallTalkKind.Farewell;
        }
        return kind;
    }

    /// <summary>A short, kind answer with a hint of what to try; <paramref name="name"/> is the person's display name.</summary>
    public static string Answer(SmallTalkKind kind, string? name)
    {
        var first = FirstName(name);
        var hint = "Ask me a question in your own words — for example _how do I give feedback to a peer?_ — or type **help** to see what I can do.";
        return kind switch
        {
            SmallTalkKind.Greeting => $"Hi{(first is null ? "" : " " + first)}! 👋 {hint}",
            SmallTalkKind.HowAreYou => $"Doing well, thanks for asking{(first is null ? "" : ", " + first)}! {hint}",
            SmallTalkKind.Thanks => "You're welcome! 🙌 Ask me anything else any time, or type **quiz** for a quick question.",
            SmallTalkKind.Farewell => "Bye for now 👋 I'm here whenever you have a question.",
            _ => "👍 Whenever you're ready: ask me a question, or type **help** to see what I can do.",
        };
    }

    private static bool IsHowAreYou(List<string> words) =>
        (words.Contains("how") && (words.Contains("you") || words.Contains("u") || words.Contains("going")))
        || words.Contains("hows") || words.Contains("how's") || words.Contains("whats") || words.Contains("what's") || words.Contains("sup")
        || (words.Contains("wie") && (words.Contains("gehts") || words.Contains("geht"))) || (words.Contains("ca") && words.Contains("va"));

    private static string? FirstName(string? name)
    {
        var first = name?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        // Only a plain name: anything that could be markup is left out rather than escaped.
        return first is { Length: > 0 and <= 30 } && first.All(c => char.IsLetter(c) || c is '-' or '\'') ? first : null;
    }

    /// <summary>Lower-case words without accents, punctuation or emoji; "thank-you" and "thank you" alike.</summary>
    private static List<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return [];
        }
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            plain.Append(char.IsLetterOrDigit(c) || c == '\'' ? char.ToLowerInvariant(c) : ' ');
        }
        var words = plain.ToString().Replace("ß", "ss", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\''))
            .Where(w => w.Length > 0)
            .ToList();
        return words;
    }
}
