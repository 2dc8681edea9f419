using System.Text;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>Turns a question typed in chat into search terms: lower case, contractions and punctuation removed, filler words dropped.</summary>
public static class QueryTerms
{
    // Function words and chat filler that say nothing about the topic. Kept short on purpose: a topic word
    // wrongly listed here can never be found.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "anyone", "are", "as", "at", "be", "been",
        "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "dont", "for", "from", "get", "got",
        "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if", "im", "in", "into", "is", "it",
        "its", "ive", "just", "like", "me", "my", "myself", "need", "of", "on", "or", "our", "out", "please", "pls", "plz",
        "really", "she", "should", "so", "some", "something", "than", "that", "the", "their", "them", "then", "there",
        "these", "they", "this", "those", "to", "too", "tips", "up", "us", "very", "was", "we", "were", "what", "whats",
        "when", "where", "which", "while", "who", "why", "will", "with", "without", "would", "you", "your", "yours",
        "hi", "hey", "hello", "thanks", "thank", "ok", "okay", "any", "way", "ways", "best", "good", "make", "want",
        "know", "thing", "things", "stuff", "actually", "lot", "lots", "much", "many", "more", "most", "one", "someone",
        "go", "going", "let", "lets", "say", "tell", "give", "take", "use", "using", "help", "new",
    };

    public static IReadOnlyList<string> From(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.ToLowerInvariant().Replace("’", "'", StringComparison.Ordinal);
        var terms = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }
            var w = word.ToString();
            word.Clear();
            if (w.Contains('\'', StringComparison.Ordinal))
            {
                // "don't" → "dont", "team's" → "team"
                w = w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w.Replace("'", "", StringComparison.Ordinal);
            }
            if (w.Length >= 2 && !StopWords.Contains(w) && !terms.Contains(w))
            {
                terms.Add(w);
            }
        }
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || (c == '\'' && word.Length > 0))
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return terms;
    }
}
