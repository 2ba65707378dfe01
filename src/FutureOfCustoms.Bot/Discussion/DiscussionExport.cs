using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FutureOfCustoms.Bot.Exports;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>
/// The compilation for the next PTC paper: a Word document (a heading per question, the tallies of closed
/// questions as a table, each answer as a paragraph led by its administration in bold) and the same answers as
/// CSV. Delegates' text goes into plain runs only, so it is never read as anything but text.
/// </summary>
internal sealed class DiscussionExport(TimeProvider time)
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string QuestionHeadingStyle = "Heading1";

    public byte[] ToDocx(DiscussionSet set, IReadOnlyList<DiscussionAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(Styled("Title", set.Title));
            body.Append(Plain(DiscussionCounts.Compiled(CultureInfo.CurrentUICulture, time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), answers.Count)));
            foreach (var question in set.Questions)
            {
                var ofQuestion = DiscussionCompilation.ForQuestion(answers, question.Number);
                body.Append(Styled(QuestionHeadingStyle, Format(DiscussionStrings.Card_QuestionLabel, question.Number) + ". " + question.Text));
                body.Append(Plain(DiscussionCards.CountText(ofQuestion.Count)));
                if (question.IsClosed)
                {
                    body.Append(TalliesTable(DiscussionCompilation.Tallies(question, ofQuestion)));
                }

                foreach (var answer in ofQuestion)
                {
                    body.Append(AnswerParagraph(question, answer));
                }
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    public static byte[] ToCsv(DiscussionSet set, IReadOnlyList<DiscussionAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(set);
        var rows = set.Questions.SelectMany(q => DiscussionCompilation.ForQuestion(answers, q.Number).Select(a => (IReadOnlyList<string?>)
        [
            q.Number.ToString(CultureInfo.InvariantCulture),
            q.Text,
            a.Current.Administration,
            a.AuthorName,
            a.Current.Choice is { } choice ? DiscussionCards.ChoiceLabel(q, choice) : null,
            a.Current.Text,
            Timestamp(a.AnsweredAt),
            Timestamp(a.Current.ChangedAt),
            a.Versions.Count.ToString(CultureInfo.InvariantCulture),
        ])).ToList();
        return TableExport.ToCsv(new ExportTable(set.Name, [
            DiscussionStrings.Csv_Question, DiscussionStrings.Csv_QuestionText, DiscussionStrings.Csv_Administration, DiscussionStrings.Csv_Author,
            DiscussionStrings.Csv_Choice, DiscussionStrings.Csv_Answer, DiscussionStrings.Csv_AnsweredAt, DiscussionStrings.Csv_ChangedAt, DiscussionStrings.Csv_Versions,
        ], rows));
    }

    private static Paragraph AnswerParagraph(DiscussionQuestionDefinition question, DiscussionAnswer answer)
    {
        var lead = answer.Current.Administration + (answer.Current.Choice is { } choice ? $" ({DiscussionCards.ChoiceLabel(question, choice)})" : string.Empty) + ": ";
        var paragraph = new Paragraph(new Run(new RunProperties(new Bold()), Text(lead)));
        var lines = answer.Current.Text.ReplaceLineEndings("\n").Split('\n');
        var run = new Run();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(Text(lines[i]));
        }

        paragraph.Append(run);
        return paragraph;
    }

    private static Table TalliesTable(IReadOnlyList<ChoiceTally> tallies)
    {
        var border = new EnumValue<BorderValues>(BorderValues.Single);
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = border, Size = 4 },
                new BottomBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 },
                new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 },
                new InsideVerticalBorder { Val = border, Size = 4 })));
        table.Append(Row(true, DiscussionStrings.Docx_Choice, DiscussionStrings.Docx_Count));
        foreach (var tally in tallies)
        {
            table.Append(Row(false, tally.Label, tally.Count.ToString(CultureInfo.CurrentCulture)));
        }

        return table;
    }

    private static TableRow Row(bool header, params string[] cells)
        => new(cells.Select(c => new TableCell(new Paragraph(header ? new Run(new RunProperties(new Bold()), Text(c)) : new Run(Text(c))))));

    private static Paragraph Styled(string style, string text)
        => new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(Text(text)));

    private static Paragraph Plain(string text) => new(new Run(Text(text)));

    private static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };

    /// <summary>Title and Heading 1 as Word's built-in styles, so the headings paste into a PTC document as headings.</summary>
    private static Styles Styles() => new(
        new Style(new StyleName { Val = "Normal" }, new StyleRunProperties(new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" }, new FontSize { Val = "22" })) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        new Style(new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new StyleRunProperties(new Bold(), new FontSize { Val = "36" })) { Type = StyleValues.Paragraph, StyleId = "Title" },
        new Style(new StyleName { Val = "heading 1" }, new BasedOn { Val = "Normal" }, new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = 0 }), new StyleRunProperties(new Bold(), new FontSize { Val = "26" })) { Type = StyleValues.Paragraph, StyleId = QuestionHeadingStyle });

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
