using System.Globalization;
using System.Resources;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Localization;
using FutureOfCustoms.Bot.Suggestions;

namespace FutureOfCustoms.Bot.Tests.Localization;

/// <summary>Every count-bearing string outside Polls at 0, 1 and 2, in English and French ("1 suggestions" no more).</summary>
public sealed class CountedStringsTests
{
    [Theory]
    [InlineData("en", 0, "No answers yet")]
    [InlineData("en", 1, "1 answer")]
    [InlineData("en", 2, "2 answers")]
    [InlineData("fr", 0, "Pas encore de réponse")]
    [InlineData("fr", 1, "1 réponse")]
    [InlineData("fr", 2, "2 réponses")]
    public void Discussion_answer_count(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.Answers(Culture(language), n));

    [Theory]
    [InlineData("en", 0, "0 more answers are in the export.")]
    [InlineData("en", 1, "1 more answer is in the export.")]
    [InlineData("en", 2, "2 more answers are in the export.")]
    [InlineData("fr", 0, "0 autre réponse figure dans l'export.")]
    [InlineData("fr", 1, "1 autre réponse figure dans l'export.")]
    [InlineData("fr", 2, "2 autres réponses figurent dans l'export.")]
    public void Discussion_more_answers(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.MoreAnswers(Culture(language), n));

    [Theory]
    [InlineData("en", 0, "You have answered 0 of 0 questions.")]
    [InlineData("en", 1, "You have answered 0 of 1 question.")]
    [InlineData("en", 2, "You have answered 0 of 2 questions.")]
    [InlineData("fr", 0, "Vous avez répondu à 0 question sur 0.")]
    [InlineData("fr", 1, "Vous avez répondu à 0 question sur 1.")]
    [InlineData("fr", 2, "Vous avez répondu à 0 questions sur 2.")]
    public void Discussion_my_status(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.MineStatus(Culture(language), 0, n));

    [Theory]
    [InlineData("en", 0, "0 delegates from 0 administrations have answered.")]
    [InlineData("en", 1, "1 delegate from 1 administration has answered.")]
    [InlineData("en", 2, "2 delegates from 2 administrations have answered.")]
    [InlineData("fr", 0, "0 délégué de 0 administration a répondu.")]
    [InlineData("fr", 1, "1 délégué de 1 administration a répondu.")]
    [InlineData("fr", 2, "2 délégués de 2 administrations ont répondu.")]
    public void Discussion_participation(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.Participation(Culture(language), n, n));

    [Theory]
    [InlineData("en", 0, "Annex III: 0 delegates from 0 administrations have answered so far.")]
    [InlineData("en", 1, "Annex III: 1 delegate from 1 administration has answered so far.")]
    [InlineData("en", 2, "Annex III: 2 delegates from 2 administrations have answered so far.")]
    [InlineData("fr", 0, "Annex III : 0 délégué de 0 administration a répondu jusqu'ici.")]
    [InlineData("fr", 1, "Annex III : 1 délégué de 1 administration a répondu jusqu'ici.")]
    [InlineData("fr", 2, "Annex III : 2 délégués de 2 administrations ont répondu jusqu'ici.")]
    public void Discussion_digest_participation(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.DigestParticipation(Culture(language), "Annex III", n, n));

    [Theory]
    [InlineData("en", 0, "Question 3: 0 new answers")]
    [InlineData("en", 1, "Question 3: 1 new answer and 1 edited answer")]
    [InlineData("en", 2, "Question 3: 2 new answers and 2 edited answers")]
    [InlineData("fr", 0, "Question 3 : 0 nouvelle réponse")]
    [InlineData("fr", 1, "Question 3 : 1 nouvelle réponse et 1 réponse modifiée")]
    [InlineData("fr", 2, "Question 3 : 2 nouvelles réponses et 2 réponses modifiées")]
    public void Discussion_digest_question(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.DigestQuestion(Culture(language), 3, n, n));

    [Theory]
    [InlineData("en", "Question 3: 2 edited answers")]
    [InlineData("fr", "Question 3 : 2 réponses modifiées")]
    public void Discussion_digest_question_with_only_edits_leaves_out_the_new_ones(string language, string expected) =>
        Assert.Equal(expected, DiscussionCounts.DigestQuestion(Culture(language), 3, 0, 2));

    [Theory]
    [InlineData("en", 0, "0 answers to 0 questions. The links work for 0 minutes.")]
    [InlineData("en", 1, "1 answer to 1 question. The links work for 1 minute.")]
    [InlineData("en", 2, "2 answers to 2 questions. The links work for 2 minutes.")]
    [InlineData("fr", 0, "0 réponse à 0 question. Les liens fonctionnent pendant 0 minute.")]
    [InlineData("fr", 1, "1 réponse à 1 question. Les liens fonctionnent pendant 1 minute.")]
    [InlineData("fr", 2, "2 réponses à 2 questions. Les liens fonctionnent pendant 2 minutes.")]
    public void Discussion_export_text(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.ExportText(Culture(language), n, n, n));

    [Theory]
    [InlineData("en", 0, "Answers of the VWG FC members, compiled on 2026-03-02: 0 answers.")]
    [InlineData("en", 1, "Answers of the VWG FC members, compiled on 2026-03-02: 1 answer.")]
    [InlineData("en", 2, "Answers of the VWG FC members, compiled on 2026-03-02: 2 answers.")]
    [InlineData("fr", 0, "Réponses des membres du GTV FD, compilées le 2026-03-02 : 0 réponse.")]
    [InlineData("fr", 1, "Réponses des membres du GTV FD, compilées le 2026-03-02 : 1 réponse.")]
    [InlineData("fr", 2, "Réponses des membres du GTV FD, compilées le 2026-03-02 : 2 réponses.")]
    public void Discussion_compiled_document(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.Compiled(Culture(language), "2026-03-02", n));

    [Theory]
    [InlineData("en", 0, "The discussion ecom is ready with 0 questions.")]
    [InlineData("en", 1, "The discussion ecom is ready with 1 question.")]
    [InlineData("en", 2, "The discussion ecom is ready with 2 questions.")]
    [InlineData("fr", 0, "La discussion ecom est prête avec 0 question.")]
    [InlineData("fr", 1, "La discussion ecom est prête avec 1 question.")]
    [InlineData("fr", 2, "La discussion ecom est prête avec 2 questions.")]
    public void Discussion_created(string language, int n, string expected) =>
        Assert.StartsWith(expected, DiscussionCounts.Created(Culture(language), "ecom", n), StringComparison.Ordinal);

    [Theory]
    [InlineData("en", 0, "Your views are awaited on Annex III: 0 questions in")]
    [InlineData("en", 1, "Your views are awaited on Annex III: 1 question in")]
    [InlineData("en", 2, "Your views are awaited on Annex III: 2 questions in")]
    [InlineData("fr", 0, "Votre avis est attendu sur Annex III : 0 question dans")]
    [InlineData("fr", 1, "Votre avis est attendu sur Annex III : 1 question dans")]
    [InlineData("fr", 2, "Votre avis est attendu sur Annex III : 2 questions dans")]
    public void Discussion_reminder(string language, int n, string expected) =>
        Assert.StartsWith(expected, DiscussionCounts.ReminderMessage(Culture(language), "Annex III", n), StringComparison.Ordinal);

    [Theory]
    [InlineData("en", 0, "Reminders sent to 0 members; 0 could not be reached.")]
    [InlineData("en", 1, "Reminders sent to 1 member; 1 could not be reached.")]
    [InlineData("en", 2, "Reminders sent to 2 members; 2 could not be reached.")]
    [InlineData("fr", 0, "Relance envoyée à 0 membre ; 0 n'a pas pu être joint.")]
    [InlineData("fr", 1, "Relance envoyée à 1 membre ; 1 n'a pas pu être joint.")]
    [InlineData("fr", 2, "Relances envoyées à 2 membres ; 2 n'ont pas pu être joints.")]
    public void Discussion_reminders_done(string language, int n, string expected) =>
        Assert.Equal(expected, DiscussionCounts.RemindersDone(Culture(language), n, n));

    [Theory]
    [InlineData("en", 0, "This answer has already been changed 0 times,")]
    [InlineData("en", 1, "This answer has already been changed 1 time,")]
    [InlineData("en", 2, "This answer has already been changed 2 times,")]
    [InlineData("fr", 0, "Cette réponse a déjà été modifiée 0 fois,")]
    [InlineData("fr", 1, "Cette réponse a déjà été modifiée 1 fois,")]
    [InlineData("fr", 2, "Cette réponse a déjà été modifiée 2 fois,")]
    public void Discussion_too_many_edits(string language, int n, string expected) =>
        Assert.StartsWith(expected, DiscussionCounts.TooManyEdits(Culture(language), n), StringComparison.Ordinal);

    [Theory]
    [InlineData("en", 0, "Suggestions export: 0 suggestions")]
    [InlineData("en", 1, "Suggestions export: 1 suggestion")]
    [InlineData("en", 2, "Suggestions export: 2 suggestions")]
    [InlineData("fr", 0, "Export des propositions : 0 proposition")]
    [InlineData("fr", 1, "Export des propositions : 1 proposition")]
    [InlineData("fr", 2, "Export des propositions : 2 propositions")]
    public void Suggestions_export_heading(string language, int n, string expected) =>
        Assert.Equal(expected, Counted(SuggestionsStrings.ResourceManager, nameof(SuggestionsStrings.Export_Heading), language, n));

    [Theory]
    [InlineData("en", 0, "Page 1 of 1, 0 suggestions")]
    [InlineData("en", 1, "Page 1 of 1, 1 suggestion")]
    [InlineData("en", 2, "Page 1 of 1, 2 suggestions")]
    [InlineData("fr", 0, "Page 1 sur 1, 0 proposition")]
    [InlineData("fr", 1, "Page 1 sur 1, 1 proposition")]
    [InlineData("fr", 2, "Page 1 sur 1, 2 propositions")]
    public void Suggestions_list_page(string language, int n, string expected) =>
        Assert.Equal(expected, Counted(SuggestionsStrings.ResourceManager, nameof(SuggestionsStrings.List_Page), language, n, 1, 1));

    [Theory]
    [InlineData("en", 0, "0 questions asked. Most asked:")]
    [InlineData("en", 1, "1 question asked. Most asked:")]
    [InlineData("en", 2, "2 questions asked. Most asked:")]
    [InlineData("fr", 0, "0 question posée. Les plus fréquentes :")]
    [InlineData("fr", 1, "1 question posée. Les plus fréquentes :")]
    [InlineData("fr", 2, "2 questions posées. Les plus fréquentes :")]
    public void Knowledge_questions_asked(string language, int n, string expected) =>
        Assert.Equal(expected, Counted(KnowledgeStrings.ResourceManager, nameof(KnowledgeStrings.Digest_Asked), language, n));

    [Theory]
    [InlineData("en", 0, "Added to the index: notes.md (0 passages)")]
    [InlineData("en", 1, "Added to the index: notes.md (1 passage)")]
    [InlineData("en", 2, "Added to the index: notes.md (2 passages)")]
    [InlineData("fr", 0, "Ajouté à l'index : notes.md (0 passage)")]
    [InlineData("fr", 1, "Ajouté à l'index : notes.md (1 passage)")]
    [InlineData("fr", 2, "Ajouté à l'index : notes.md (2 passages)")]
    public void Knowledge_document_added(string language, int n, string expected) =>
        Assert.Equal(expected, Counted(KnowledgeStrings.ResourceManager, nameof(KnowledgeStrings.Digest_Added), language, n, "notes.md"));

    [Theory]
    [InlineData("en", 0, "0 papers submitted by the VWG FC members")]
    [InlineData("en", 1, "1 paper submitted by the VWG FC members")]
    [InlineData("en", 2, "2 papers submitted by the VWG FC members")]
    [InlineData("fr", 0, "0 document soumis par les membres du VWG FC")]
    [InlineData("fr", 1, "1 document soumis par les membres du VWG FC")]
    [InlineData("fr", 2, "2 documents soumis par les membres du VWG FC")]
    public void Knowledge_papers_heading(string language, int n, string expected) =>
        Assert.Equal(expected, Counted(KnowledgeStrings.ResourceManager, nameof(KnowledgeStrings.Papers_Heading), language, n));

    [Theory]
    [InlineData("en", 0, "and 0 more")]
    [InlineData("en", 1, "and 1 more")]
    [InlineData("en", 2, "and 2 more")]
    [InlineData("fr", 0, "et 0 autre")]
    [InlineData("fr", 1, "et 1 autre")]
    [InlineData("fr", 2, "et 2 autres")]
    public void Digest_more_lines(string language, int n, string expected) =>
        Assert.Equal(expected, Counted(DigestStrings.ResourceManager, nameof(DigestStrings.Card_More), language, n));

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");

    // The same call the cards make: the resource in the reader's language, its plural form for the count.
    private static string Counted(ResourceManager resources, string name, string language, int n, params object?[] args) =>
        Plural.Format(Culture(language), resources.GetString(name, Culture(language))!, n, args);
}
