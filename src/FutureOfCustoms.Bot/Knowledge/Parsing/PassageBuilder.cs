using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FutureOfCustoms.Bot.Knowledge.Parsing;

/// <summary>Cuts a parsed document into answer-sized passages (<see cref="Chunk"/>), each with
/// an id made of its place in the structure so that it survives rebuilds and re-ordering of the file.</summary>
internal static partial class PassageBuilder
{
    private const int MaxSlugLength = 48;

    // A piece shorter than this says too little to be an answer of its own.
    private const int MinPassageLength = 160;

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

    /// <summary>One passage per source paragraph, so that the first passage shown is the answer and not a page
    /// around it. A paragraph longer than <see cref="Passage.MaxLength"/> is cut at sentence ends into pieces of
    /// about equal length; a list stays with the sentence that introduces it, repeated in every piece of the list;
    /// a fragment too short to stand alone (a paragraph continued after a footnote) joins the piece before it.
    /// A passage that fits keeps its id unchanged; pieces are numbered.</summary>
    public static IEnumerable<Passage> Chunk(Passage passage)
    {
        var chunks = new List<string>();
        foreach (var unit in Units(passage.Text))
        {
            foreach (var piece in unit.Items.Count > 0 ? SplitList(unit.Lead, unit.Items) : SplitParagraph(unit.Lead))
            {
                var joins = chunks.Count > 0 && Math.Min(piece.Length, chunks[^1].Length) < MinPassageLength
                    && chunks[^1].Length + 1 + piece.Length <= Passage.MaxLength;
                if (joins)
                {
                    chunks[^1] += "\n" + piece;
                }
                else
                {
                    chunks.Add(piece);
                }
            }
        }

        return chunks.Count switch
        {
            0 => [],
            1 => [passage with { Text = chunks[0] }],
            _ => chunks.Select((text, i) => passage with { Id = $"{passage.Id}-{i + 1}", Text = text }),
        };
    }

    /// <summary>The text's paragraphs, each list with the line that leads into it ("... as follows:" then "- a) ...").</summary>
    private static List<(string Lead, List<string> Items)> Units(string text)
    {
        var units = new List<(string Lead, List<string> Items)>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (ListItem().IsMatch(line) && units.Count > 0 && (units[^1].Items.Count > 0 || units[^1].Lead.EndsWith(':')))
            {
                units[^1].Items.Add(line);
            }
            else
            {
                units.Add((line, []));
            }
        }

        return units;
    }

    private static IEnumerable<string> SplitList(string lead, List<string> items)
    {
        if (lead.Length + items.Sum(i => i.Length + 1) <= Passage.MaxLength)
        {
            yield return string.Join('\n', [lead, .. items]);
            yield break;
        }

        // Only the sentence that introduces the list is repeated; the sentences before it stand on their own.
        var sentences = SentenceEnd().Split(lead);
        if (sentences.Length > 1 && lead.Length > 2 * MinPassageLength)
        {
            foreach (var piece in SplitParagraph(string.Join(' ', sentences[..^1])))
            {
                yield return piece;
            }

            lead = sentences[^1];
        }

        var current = new StringBuilder(lead);
        var hasItem = false;
        foreach (var item in items)
        {
            if (hasItem && current.Length + 1 + item.Length > Passage.MaxLength)
            {
                yield return current.ToString();
                current.Clear().Append(lead);
            }

            current.Append('\n').Append(item);
            hasItem = true;
        }

        yield return current.ToString();
    }

    /// <summary>Cuts at sentence ends into pieces of about equal length, so that no piece is a stub of the last sentence.</summary>
    private static IEnumerable<string> SplitParagraph(string paragraph)
    {
        if (paragraph.Length <= Passage.MaxLength)
        {
            yield return paragraph;
            yield break;
        }

        var sentences = SentenceEnd().Split(paragraph).SelectMany(SplitAtWords).ToList();
        var pieces = (int)Math.Ceiling((double)paragraph.Length / Passage.MaxLength);
        var target = paragraph.Length / pieces;
        var current = new StringBuilder();
        foreach (var sentence in sentences)
        {
            if (current.Length > 0 && (current.Length >= target || current.Length + 1 + sentence.Length > Passage.MaxLength))
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : string.Empty).Append(sentence);
        }

        yield return current.ToString();
    }

    /// <summary>A sentence longer than a passage (rare: long enumerations) is cut between words, never inside one.</summary>
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

    [GeneratedRegex(@"^(-|•|[a-z]\)|\d{1,2}[.)])\s")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();

    [GeneratedRegex(@"^([A-Z][^:.\n]{3,100}):\s")]
    private static partial Regex LeadTitle();
}
