using System.Text;

namespace FutureOfCustoms.Bot.Cards;

/// <summary>Makes user text safe for the markdown of Adaptive Cards (TextBlock text, Fact title and value).</summary>
internal static class CardText
{
    /// <summary>
    /// Backslash-escapes every character that can start markdown, so the text shows as typed.
    /// </summary>
    /// <remarks>
    /// Backslash escapes are the only escape CommonMark defines, and markdown-it (the Adaptive Cards JS SDK, which the
    /// Teams desktop and web clients render with) removes the backslash before any ASCII punctuation. Known limit:
    /// older Android/iOS Teams clients showed the backslashes (MicrosoftDocs/msteams-docs#5793; iOS fixed for <c>\*</c>
    /// in microsoft/Teams-AdaptiveCards-Mobile#83): a stray visible backslash is the price of never turning a user's
    /// text into a link, an emphasis or a mention. The alternatives do not render as text everywhere either: HTML
    /// (<c>&lt;pre&gt;</c>, suggested in microsoft/AdaptiveCards#523) is not supported in Teams cards.
    /// <c>&amp;</c> is escaped so an entity such as <c>&amp;lt;</c> is not decoded; <c>&lt;</c> so <c>&lt;at&gt;</c>
    /// can never match a Teams mention; list, heading and rule markers only at the start of a line, where they count.
    /// </remarks>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? escaped = null;
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var needsEscape = c is '\\' or '*' or '_' or '~' or '[' or ']' or '(' or ')' or '#' or '>' or '`' or '<' or '&' or '|'
                || (lineStart && c is '-' or '+' or '=')
                || (c == '.' && IsOrderedListNumber(text, i));
            if (needsEscape)
            {
                escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
                escaped.Append('\\');
            }

            escaped?.Append(c);
            lineStart = c is '\n' or '\r' || (lineStart && c is ' ' or '\t');
        }

        return escaped?.ToString() ?? text;
    }

    /// <summary>"12." at the start of a line (after optional indentation) would start an ordered list.</summary>
    private static bool IsOrderedListNumber(string text, int dotAt)
    {
        var start = dotAt;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        if (start == dotAt)
        {
            return false;
        }

        while (start > 0 && text[start - 1] is ' ' or '\t')
        {
            start--;
        }

        return start == 0 || text[start - 1] is '\n' or '\r';
    }
}
