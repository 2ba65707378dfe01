using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>The discussion's cards, every text from <see cref="DiscussionStrings"/> in the current UI culture.</summary>
internal sealed class DiscussionCards(ICardRenderer cards, IOptions<DiscussionOptions> options)
{
    public JsonObject Discussion(DiscussionSet set, IReadOnlyList<DiscussionAnswer> answers, string? notice = null)
    {
        var open = set.Status == DiscussionStatus.Open;
        return cards.Render("discussion", new
        {
            title = set.Title,
            byline = set.PaperAuthor is null ? null : Format(DiscussionStrings.Card_Byline, set.PaperAuthor),
            summary = set.Summary,
            statusLine = open ? DiscussionStrings.Card_Open : DiscussionStrings.Card_Closed,
            statusColor = open ? "Good" : "Attention",
            notice,
            discussion = set.Name,
            myAnswersTitle = DiscussionStrings.Card_MyAnswers,
            paperTitle = set.Name == AnnexIIIDiscussion.Name ? DiscussionStrings.Card_ReadPaper : null,
            questions = set.Questions.Select(q => new
            {
                label = Format(DiscussionStrings.Card_QuestionLabel, q.Number),
                text = q.Text,
                count = CountText(answers.Count(a => a.Question == q.Number)),
                answerTitle = open ? DiscussionStrings.Card_Answer : null,
                discussion = set.Name,
                number = q.Number,
            }),
        });
    }

    /// <param name="administration">Pre-filled when asking, e.g. suggested from the member's directory profile.</param>
    public JsonObject AnswerForm(DiscussionSet set, DiscussionQuestionDefinition question, DiscussionAnswer? existing, string authorKey, bool askAdministration, string? administration)
        => cards.Render("discussion-answer", new
        {
            title = set.Title,
            questionLabel = Format(DiscussionStrings.Card_QuestionLabel, question.Number),
            questionText = question.Text,
            editNotice = existing is null ? null : DiscussionStrings.Form_EditNotice,
            administrationLabel = askAdministration ? DiscussionStrings.Form_AdministrationLabel : null,
            administrationPlaceholder = DiscussionStrings.Form_AdministrationPlaceholder,
            administrationError = DiscussionStrings.Form_AdministrationError,
            administration = administration ?? string.Empty,
            choiceLabel = DiscussionStrings.Form_ChoiceLabel,
            choiceError = DiscussionStrings.Form_ChoiceError,
            choice = existing?.Current.Choice ?? string.Empty,
            choices = question.Choices?.Select(c => new { title = AnnexIIIDiscussion.LabelOf(c), value = c.Value }),
            textLabel = Format(DiscussionStrings.Form_TextLabel, options.Value.MaxAnswerLength),
            textError = DiscussionStrings.Form_TextError,
            maxLength = options.Value.MaxAnswerLength,
            text = existing?.Current.Text ?? string.Empty,
            saveTitle = DiscussionStrings.Form_Save,
            cancelTitle = DiscussionStrings.Form_Back,
            discussion = set.Name,
            number = question.Number,
            author = authorKey,
        });

    public JsonObject Mine(DiscussionSet set, IReadOnlyList<DiscussionAnswer> mine)
    {
        var open = set.Status == DiscussionStatus.Open;
        return cards.Render("discussion-mine", new
        {
            heading = DiscussionStrings.Mine_Heading,
            title = set.Title,
            statusLine = DiscussionCounts.MineStatus(CultureInfo.CurrentUICulture, mine.Count, set.Questions.Count) + (open ? string.Empty : " " + DiscussionStrings.Card_Closed),
            discussion = set.Name,
            backTitle = DiscussionStrings.Mine_Back,
            questions = set.Questions.Select(q =>
            {
                var answer = mine.FirstOrDefault(a => a.Question == q.Number);
                return new
                {
                    label = Format(DiscussionStrings.Card_QuestionLabel, q.Number),
                    text = q.Text,
                    choice = answer?.Current.Choice is { } value ? ChoiceLabel(q, value) : null,
                    answer = answer?.Current.Text ?? DiscussionStrings.Mine_NotAnswered,
                    meta = answer is null ? null : Format(DiscussionStrings.Mine_Meta, answer.Current.Administration, Date(answer.Current.ChangedAt)),
                    buttonTitle = open ? (answer is null ? DiscussionStrings.Card_Answer : DiscussionStrings.Mine_Edit) : null,
                    discussion = set.Name,
                    number = q.Number,
                };
            }),
        });
    }

    /// <summary>
    /// The moderator's compilation. Answers are cut to an excerpt and, past a budget, left to the export:
    /// a Teams card holds about 28 KB, a full discussion far more.
    /// </summary>
    public JsonObject Responses(DiscussionSet set, IReadOnlyList<DiscussionAnswer> answers, string? notice = null)
    {
        var open = set.Status == DiscussionStatus.Open;
        var budget = 16_000;
        var questions = new List<object>();
        foreach (var q in set.Questions)
        {
            var ofQuestion = DiscussionCompilation.ForQuestion(answers, q.Number);
            var shown = new List<object>();
            foreach (var answer in ofQuestion)
            {
                var excerpt = Excerpt(answer.Current.Text);
                if (budget < excerpt.Length)
                {
                    break;
                }

                budget -= excerpt.Length;
                var who = Format(DiscussionStrings.Responses_Who, answer.Current.Administration, answer.AuthorName);
                shown.Add(new { who = answer.Current.Choice is { } choice ? $"{who}: {ChoiceLabel(q, choice)}" : who, text = excerpt });
            }

            questions.Add(new
            {
                label = Format(DiscussionStrings.Card_QuestionLabel, q.Number),
                text = q.Text,
                count = CountText(ofQuestion.Count),
                tallies = q.IsClosed ? DiscussionCompilation.Tallies(q, ofQuestion).Select(t => new { name = t.Label, value = t.Count.ToString(CultureInfo.CurrentCulture) }) : null,
                answers = shown,
                more = shown.Count < ofQuestion.Count ? DiscussionCounts.MoreAnswers(CultureInfo.CurrentUICulture, ofQuestion.Count - shown.Count) : null,
            });
        }

        var participation = DiscussionCompilation.Participation(answers);
        return cards.Render("discussion-responses", new
        {
            heading = DiscussionStrings.Responses_Heading,
            title = set.Title,
            statusLine = (open ? DiscussionStrings.Card_Open : DiscussionStrings.Card_Closed) + " " + DiscussionCounts.Participation(CultureInfo.CurrentUICulture, participation.Delegates, participation.Administrations),
            notice,
            discussion = set.Name,
            exportTitle = DiscussionStrings.Responses_Export,
            remindTitle = DiscussionStrings.Responses_Remind,
            toggleTitle = open ? DiscussionStrings.Responses_Close : DiscussionStrings.Responses_Reopen,
            toggleVerb = open ? "discussion.close" : "discussion.reopen",
            questions,
        });
    }

    public JsonObject Paper(DiscussionPaper paper, string discussion)
        => cards.Render("discussion-paper", new
        {
            title = paper.Title,
            byline = Format(DiscussionStrings.Card_Byline, $"{paper.Author}, {paper.Organisation}"),
            introduction = paper.Introduction,
            sections = paper.Sections.Select(s => new { title = s.Title, text = s.Text }),
            backTitle = DiscussionStrings.Mine_Back,
            discussion,
        });

    public JsonObject NewForm()
        => cards.Render("discussion-new", new
        {
            heading = DiscussionStrings.New_Heading,
            intro = DiscussionStrings.New_Intro,
            nameLabel = DiscussionStrings.New_NameLabel,
            namePlaceholder = DiscussionStrings.New_NamePlaceholder,
            nameError = DiscussionStrings.New_NameError,
            titleLabel = DiscussionStrings.New_TitleLabel,
            titleError = DiscussionStrings.New_TitleError,
            questionsLabel = DiscussionStrings.New_QuestionsLabel,
            questionsPlaceholder = DiscussionStrings.New_QuestionsPlaceholder,
            questionsError = DiscussionStrings.New_QuestionsError,
            createTitle = DiscussionStrings.New_Create,
        });

    public JsonObject Export(DiscussionSet set, int answerCount, Uri word, Uri csv, TimeSpan lifetime)
        => cards.Render("discussion-export", new
        {
            heading = Format(DiscussionStrings.Export_Heading, set.Title),
            text = DiscussionCounts.ExportText(CultureInfo.CurrentUICulture, answerCount, set.Questions.Count, (int)lifetime.TotalMinutes),
            wordTitle = DiscussionStrings.Export_Word,
            wordUrl = word.AbsoluteUri,
            csvTitle = DiscussionStrings.Export_Csv,
            csvUrl = csv.AbsoluteUri,
        });

    public static string ChoiceLabel(DiscussionQuestionDefinition question, string value)
        => question.Choices?.FirstOrDefault(c => c.Value == value) is { } choice ? AnnexIIIDiscussion.LabelOf(choice) : value;

    public static string CountText(int count) => DiscussionCounts.Answers(CultureInfo.CurrentUICulture, count);

    private string Excerpt(string text)
    {
        var length = options.Value.ResponsesExcerptLength;
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length).TrimEnd(), "…");
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
