using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FutureOfCustoms.Bot.Knowledge.Parsing;

/// <summary>Cuts a parsed document into passages of at most <see cref="Passage.MaxLength"/> characters, each with
/// an id made of its place in the structure so that it survives rebuilds and re-ordering of the file.</summary>
internal static partial class PassageBuilder
{
    private const int MaxSlugLength = 48;

    public static IReadOnlyList<Passage> Build(KnowledgeDocument document, string source = Passage.CorpusSource)
    {
        var passages = new List<Passage>();
        void Add(string id, string title, string citation, string text, PassageKind kind, int? paragraph = null, char? block = null) =>
            passages.AddRange(Chunk(new Passage(id, title, citation, text, kind, paragraph, block, source)));

        Add("title", document.Title, "Title", document.Title, PassageKind.Title);
        foreach (var paragraph in document.Paragraphs)
        {
            // Paragraphs 9-16 open with their own subject ("Short papers on different topics: ..."): a better title than the heading.
            var lead = LeadTitle().Match(paragraph.Text);
            var title = lead.Success ? lead.Groups[1].Value : paragraph.Heading;
            Add($"para-{paragraph.Number}", title, $"{paragraph.Heading} > Paragraph {paragraph.Number}", paragraph.Text, PassageKind.Paragraph, paragraph.Number);
        }

        Add("annex1-intro", "Annex I – overview of the progress on the 10 building blocks", "Annex I", document.AnnexIIntroduction, PassageKind.AnnexIntroduction);
        foreach (var section in document.AnnexISections)
        {
            var slug = Slug(section.Title);
            var citation = $"Annex I > {section.Title}";
            if (section.C21Extract.Length > 0)
            {
                Add($"annex1-{slug}-c21", section.Title, citation + " > C21", section.C21Extract, PassageKind.C21Extract);
            }

            foreach (var topic in section.VwgFcInput)
            {
                Add($"annex1-{slug}-{Slug(topic.Title)}", topic.Title, $"{citation} > Input by the VWG FC > {topic.Title}", topic.Text, PassageKind.VwgFcInput);
            }
        }

        foreach (var block in document.BuildingBlocks)
        {
            var citation = $"Annex I > ({block.Letter}) {block.Title}";
            Add($"bb-{block.Letter}-c21", block.Title, citation + " > C21", block.C21Extract, PassageKind.C21Extract, block: block.Letter);
            if (block.ProgressSoFar.Length > 0)
            {
                Add($"bb-{block.Letter}-progress", $"{block.Title} – progress so far", citation + " > Progress so far", block.ProgressSoFar, PassageKind.ProgressSoFar, block: block.Letter);
            }

            foreach (var topic in block.VwgFcInput)
            {
                Add($"bb-{block.Letter}-input-{Slug(topic.Title)}", topic.Title, $"{citation} > Input by the VWG FC > {topic.Title}", topic.Text, PassageKind.VwgFcInput, block: block.Letter);
            }
        }

        foreach (var footnote in document.Footnotes)
        {
            Add($"footnote-{footnote.Number}", $"Footnote {footnote.Number}", $"{footnote.CitationPath} > Footnote {footnote.Number}", footnote.Text, PassageKind.Footnote);
        }

        foreach (var topic in document.AnnexIITopics)
        {
            var text = new StringBuilder(topic.Title);
            if (topic.Bodies.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({string.Join(", ", topic.Bodies)})");
            }

            if (topic.TakenUpBy is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" – taken up by {topic.TakenUpBy}");
            }

            Add($"annex2-{topic.List}-{Slug(topic.Title)}", topic.Title, $"Annex II > {topic.List}) {ShortListTitle(topic.ListTitle)} > {topic.Title}", text.ToString(), PassageKind.AnnexIITopic);
        }

        if (document.AnnexIII is { } paper)
        {
            // The annex itself carries no heading; paragraphs 15 and 17 name it, and a citation should say what it is.
            var annex = $"Annex III – discussion paper by {paper.Organisation}";
            Add("annex3-intro", paper.Title, annex, $"{paper.Title}\nBy {paper.Author} of {paper.Organisation}\n{paper.Introduction}", PassageKind.DiscussionPaperSection);
            foreach (var section in paper.Sections)
            {
                Add($"annex3-{Slug(section.Title)}", section.Title, $"{annex} > {section.Title}", section.Text, PassageKind.DiscussionPaperSection);
            }

            foreach (var question in paper.Questions)
            {
                Add($"annex3-question-{question.Number}", $"Discussion question {question.Number}", $"{annex} > Questions to be discussed > {question.Number}", question.Text, PassageKind.DiscussionQuestion);
            }
        }

        return passages;
    }

    private static string ShortListTitle(string title)
    {
        var cut = new[] { title.IndexOf(" – ", StringComparison.Ordinal), title.IndexOf(" (", StringComparison.Ordinal) }.Where(i => i > 0).DefaultIfEmpty(title.Length).Min();
        return title[..cut];
    }

    public static string Slug(string text)
    {
        var slug = NonSlugCharacters().Replace(text.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal), "-").Trim('-');

        // Ids stay readable in logs and cards: long titles are cut at a word boundary.
        if (slug.Length > MaxSlugLength)
        {
            var cut = slug.LastIndexOf('-', MaxSlugLength);
            slug = slug[..(cut > 0 ? cut : MaxSlugLength)];
        }

        return slug.Length > 0 ? slug : "untitled";
    }

    /// <summary>Splits at paragraph, then sentence, then word boundaries; a passage that fits keeps its id unchanged.</summary>
    public static IEnumerable<Passage> Chunk(Passage passage)
    {
        if (passage.Text.Length <= Passage.MaxLength)
        {
            return passage.Text.Length == 0 ? [] : [passage];
        }

        var pieces = passage.Text.Split('\n').SelectMany(SplitLongParagraph);
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (current.Length > 0 && current.Length + 1 + piece.Length > Passage.MaxLength)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(piece);
        }

        chunks.Add(current.ToString());
        return chunks.Select((text, i) => passage with { Id = $"{passage.Id}-{i + 1}", Text = text });
    }

    private static IEnumerable<string> SplitLongParagraph(string paragraph)
    {
        if (paragraph.Length <= Passage.MaxLength)
        {
            yield return paragraph;
            yield break;
        }

        var current = new StringBuilder();
        foreach (var sentence in SentenceEnd().Split(paragraph).SelectMany(SplitAtWords))
        {
            if (current.Length > 0 && current.Length + 1 + sentence.Length > Passage.MaxLength)
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : string.Empty).Append(sentence);
        }

        yield return current.ToString();
    }

    private static IEnumerable<string> SplitAtWords(string sentence)
    {
        if (sentence.Length <= Passage.MaxLength)
        {
            return [sentence];
        }

        var words = sentence.Split(' ');
        var half = words.Length / 2;
        return [.. SplitAtWords(string.Join(' ', words[..half])), .. SplitAtWords(string.Join(' ', words[half..]))];
    }

    [GeneratedRegex(@"(?<=[.;!?])\s+(?=[A-Z“""(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();

    [GeneratedRegex(@"^([A-Z][^:.\n]{3,100}):\s")]
    private static partial Regex LeadTitle();
}
