using System.Globalization;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>
/// Every counted phrase of the discussion's cards, messages and export, in one place so each can be checked at 0, 1
/// and 2 in both languages. A sentence with two counts takes the second as a counted phrase of its own, and the
/// verb agrees with the first ("1 delegate from 2 administrations has answered").
/// </summary>
internal static class DiscussionCounts
{
    public static string Answers(CultureInfo culture, int count) =>
        count == 0 ? Text(culture, nameof(DiscussionStrings.Card_Count_None)) : Counted(culture, nameof(DiscussionStrings.Card_Count), count);

    public static string MoreAnswers(CultureInfo culture, int count) => Counted(culture, nameof(DiscussionStrings.Responses_More), count);

    public static string MineStatus(CultureInfo culture, int answered, int questions) =>
        Counted(culture, nameof(DiscussionStrings.Mine_Status), questions, answered);

    public static string Participation(CultureInfo culture, int delegates, int administrations) =>
        Counted(culture, nameof(DiscussionStrings.Responses_Participation), delegates, Administrations(culture, administrations));

    public static string DigestParticipation(CultureInfo culture, string title, int delegates, int administrations) =>
        Counted(culture, nameof(DiscussionStrings.Digest_Participation), delegates, title, Administrations(culture, administrations));

    /// <summary>"Question 2: 1 new answer and 3 edited answers"; a kind with none is left out.</summary>
    public static string DigestQuestion(CultureInfo culture, int number, int added, int edited)
    {
        var parts = new List<string>(2);
        if (added > 0 || edited == 0)
        {
            parts.Add(Counted(culture, nameof(DiscussionStrings.Digest_NewAnswers), added));
        }

        if (edited > 0)
        {
            parts.Add(Counted(culture, nameof(DiscussionStrings.Digest_EditedAnswers), edited));
        }

        var both = parts.Count == 2 ? string.Format(culture, Text(culture, nameof(DiscussionStrings.Digest_And)), parts[0], parts[1]) : parts[0];
        return string.Format(culture, Text(culture, nameof(DiscussionStrings.Digest_QuestionLine)), number, both);
    }

    public static string ExportText(CultureInfo culture, int answers, int questions, int minutes) =>
        string.Format(
            culture,
            Text(culture, nameof(DiscussionStrings.Export_Text)),
            Counted(culture, nameof(DiscussionStrings.Export_Answers), answers),
            Counted(culture, nameof(DiscussionStrings.Questions), questions),
            Counted(culture, nameof(DiscussionStrings.Minutes), minutes));

    public static string Compiled(CultureInfo culture, string date, int answers) =>
        Counted(culture, nameof(DiscussionStrings.Docx_Compiled), answers, date);

    public static string Created(CultureInfo culture, string name, int questions) =>
        Counted(culture, nameof(DiscussionStrings.New_Created), questions, name);

    public static string ReminderMessage(CultureInfo culture, string title, int questions) =>
        Counted(culture, nameof(DiscussionStrings.Remind_Message), questions, title);

    public static string RemindersDone(CultureInfo culture, int sent, int unreached) =>
        Counted(culture, nameof(DiscussionStrings.Remind_Done), sent, Counted(culture, nameof(DiscussionStrings.Remind_Unreached), unreached));

    public static string TooManyEdits(CultureInfo culture, int versions) => Counted(culture, nameof(DiscussionStrings.Refuse_TooManyEdits), versions);

    private static string Administrations(CultureInfo culture, int count) => Counted(culture, nameof(DiscussionStrings.Administrations), count);

    private static string Counted(CultureInfo culture, string name, int count, params object?[] args) =>
        Plural.Format(culture, Text(culture, name), count, args);

    private static string Text(CultureInfo culture, string name) =>
        DiscussionStrings.ResourceManager.GetString(name, culture) ?? throw new InvalidOperationException($"DiscussionStrings has no {name}.");
}
