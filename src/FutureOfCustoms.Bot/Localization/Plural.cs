using System.Globalization;

namespace FutureOfCustoms.Bot.Localization;

/// <summary>
/// Counted phrases ("1 vote", "2 votes", "0 vote" in French) from a resource value that holds one form per plural
/// category, separated by <c>|</c>: <c>{0} vote|{0} votes</c>. The first form is CLDR's "one", the second "other".
/// </summary>
/// <remarks>
/// .NET has no plural rules of its own (ICU's are not exposed), and the two languages the WCO works in need only
/// CLDR's "one" and "other" for whole counts: English "one" is exactly 1; French "one" is 0 and 1 ("0 vote",
/// "1 vote", "2 votes"). CLDR's French "many" (1 000 000 de votes) is left to "other": no count here gets that big.
/// A value without <c>|</c> is used for every count, so a string that does not vary stays one plain form.
/// </remarks>
internal static class Plural
{
    /// <summary>The form of <paramref name="forms"/> for <paramref name="count"/> in <paramref name="culture"/>'s
    /// rules, formatted with the count as <c>{0}</c> and <paramref name="args"/> as <c>{1}</c>, <c>{2}</c>...</summary>
    public static string Format(CultureInfo culture, string forms, long count, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(forms);
        var split = forms.Split('|');
        if (split.Length > 2)
        {
            throw new FormatException($"A plural resource has at most two forms (one|other): \"{forms}\".");
        }

        var form = split.Length == 1 || !IsOne(culture, count) ? split[^1] : split[0];
        return string.Format(culture, form, [count, .. args]);
    }

    /// <summary>CLDR's "one" category for whole numbers in the languages the bot speaks.</summary>
    public static bool IsOne(CultureInfo culture, long count) =>
        culture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
}
