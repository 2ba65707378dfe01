using System.Globalization;
using System.Text.RegularExpressions;

namespace FutureOfCustoms.Bot.Knowledge.Parsing;

/// <summary>Reads the structure of the VWG FC update to the PTC: numbered paragraphs, Annex I (C21 extracts,
/// progress so far, VWG FC input), Annex II topic lists and the Annex III discussion paper.</summary>
internal static partial class DocumentParser
{
    public static KnowledgeDocument Parse(string text)
    {
        var state = new ParseState(TextBlocks.Read(text));
        var title = ReadTitle(state);
        var (paragraphs, papers) = ReadBody(state);
        var annexIntro = ReadAnnexIIntroduction(state);
        var (sections, blocks) = ReadAnnexI(state);
        var topics = ReadAnnexII(state);
        var annexIII = ReadAnnexIII(state);
        return new KnowledgeDocument(title, paragraphs, papers, annexIntro, sections, blocks, topics, annexIII, state.Footnotes);
    }

    private static string ReadTitle(ParseState state)
    {
        var lines = new List<string>();
        while (state.Current is { } block && state.Peek(1) is { } next && !NumberedParagraph().IsMatch(next.Text))
        {
            lines.Add(block.Text);
            state.Advance();
        }

        // The first line is the running header ("FUTURE OF CUSTOMS"), the second the document's own title.
        return lines.Count > 1 ? lines[1] : lines.FirstOrDefault() ?? string.Empty;
    }

    private static (List<NumberedParagraph>, List<SubmittedPaper>) ReadBody(ParseState state)
    {
        var paragraphs = new List<NumberedParagraph>();
        var papers = new List<SubmittedPaper>();
        var heading = string.Empty;
        while (state.Current is { } block && !block.Text.StartsWith("Annex I", StringComparison.Ordinal))
        {
            state.Advance();
            if (block.Kind != BlockKind.Text)
            {
                continue;
            }

            var numbered = NumberedParagraph().Match(block.Text);
            if (numbered.Success && int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture) == paragraphs.Count + 1)
            {
                paragraphs.Add(new NumberedParagraph(paragraphs.Count + 1, heading, numbered.Groups[2].Value));
                state.Citation = $"{heading} > Paragraph {paragraphs.Count}";
            }
            else if (ListItem().Match(block.Text) is { Success: true } item && paragraphs.Count > 0)
            {
                var last = paragraphs[^1];
                paragraphs[^1] = last with { Text = last.Text + "\n- " + item.Groups[1].Value };
                if (TrailingParentheses().Match(item.Groups[1].Value) is { Success: true } paper && last.Text.Contains("papers", StringComparison.Ordinal))
                {
                    papers.Add(new SubmittedPaper(paper.Groups[1].Value, paper.Groups[2].Value));
                }
            }
            else if (IsHeading(block.Text))
            {
                heading = block.Text;
            }
            else if (paragraphs.Count > 0)
            {
                var last = paragraphs[^1];
                paragraphs[^1] = last with { Text = last.Text + "\n" + block.Text };
            }
        }

        return (paragraphs, papers);
    }

    private static string ReadAnnexIIntroduction(ParseState state)
    {
        var lines = new List<string>();
        state.Citation = "Annex I";
        while (state.Current is { } block && !IsC21Marker(block.Text))
        {
            if (block.Kind == BlockKind.Text)
            {
                lines.Add(block.Text);
            }

            state.Advance();
        }

        return string.Join("\n", lines);
    }

    private static (List<AnnexISection>, List<BuildingBlock>) ReadAnnexI(ParseState state)
    {
        var sections = new List<AnnexISection>();
        var blocks = new List<BuildingBlock>();
        while (state.Current is { } block && !StartsAnnexII(state))
        {
            state.Advance();
            if (block.Kind != BlockKind.Text || IsC21Marker(block.Text))
            {
                continue;
            }

            var buildingBlock = BuildingBlockStart().Match(block.Raw);
            if (buildingBlock.Success && buildingBlock.Groups[1].Value[0] == (char)('a' + blocks.Count))
            {
                blocks.Add(ReadBuildingBlock(state, block));
            }
            else if (SectionHeading().Match(block.Text) is { Success: true } heading)
            {
                var title = SentenceCase(heading.Groups[1].Value);
                state.Citation = $"Annex I > {title}";
                var extract = ReadUntil(state, b => IsInputMarker(b.Text) || IsC21Marker(b.Text) || BuildingBlockStart().IsMatch(b.Raw));
                var input = ReadInput(state);
                if (extract.Length > 0 || input.Count > 0)
                {
                    sections.Add(new AnnexISection(title, extract, input));
                }
            }
        }

        return (sections, blocks);
    }

    private static BuildingBlock ReadBuildingBlock(ParseState state, TextBlock start)
    {
        var header = BuildingBlockHeader().Match(start.Text);
        var letter = header.Groups[1].Value[0];
        var title = header.Groups[2].Value.Trim();
        state.Citation = $"Annex I > ({letter}) {title}";
        var rest = ReadUntil(state, b => b.Text.StartsWith("Progress so far", StringComparison.Ordinal) || IsC21Marker(b.Text));
        var extract = string.Join("\n", new[] { header.Groups[3].Value.Trim(), rest }.Where(s => s.Length > 0));
        var progress = string.Empty;
        if (state.Current is { } marker && marker.Text.StartsWith("Progress so far", StringComparison.Ordinal))
        {
            state.Advance();
            state.Citation = $"Annex I > ({letter}) {title} > Progress so far";
            progress = ReadUntil(state, b => IsInputMarker(b.Text) || IsC21Marker(b.Text) || b.Kind == BlockKind.Separator);
        }

        return new BuildingBlock(letter, title, extract, progress, ReadInput(state));
    }

    private static List<TitledTopic> ReadInput(ParseState state)
    {
        var topics = new List<TitledTopic>();
        if (state.Current is not { } marker || !IsInputMarker(marker.Text))
        {
            return topics;
        }

        state.Advance();
        while (state.Current is { } block && !IsC21Marker(block.Text) && block.Kind != BlockKind.Separator)
        {
            state.Advance();
            if (block.Kind == BlockKind.Footnote)
            {
                state.AddFootnote(block);
            }
            else if (TopicStart().Match(block.Text) is { Success: true } topic)
            {
                topics.Add(new TitledTopic(topic.Groups[1].Value.Trim(), topic.Groups[2].Value.Trim()));
            }
            else if (topics.Count > 0)
            {
                var last = topics[^1];
                topics[^1] = last with { Text = (last.Text + "\n" + block.Text).Trim() };
            }
        }

        return topics;
    }

    private static List<AnnexIITopic> ReadAnnexII(ParseState state)
    {
        var topics = new List<AnnexIITopic>();
        var list = '\0';
        var listTitle = string.Empty;
        state.Citation = "Annex II";
        while (state.Current is { } block && !(block.Kind == BlockKind.Separator && topics.Count > 0))
        {
            state.Advance();
            if (block.Kind != BlockKind.Text)
            {
                continue;
            }

            if (ListLabel().Match(block.Text) is { Success: true } label)
            {
                list = label.Groups[1].Value[0];
                listTitle = label.Groups[2].Value.TrimEnd(':', ' ');
            }
            else if (list != '\0' && ListItem().Match(block.Text) is { Success: true } item)
            {
                topics.Add(ParseAnnexIITopic(list, listTitle, item.Groups[1].Value));
            }
        }

        return topics;
    }

    private static AnnexIITopic ParseAnnexIITopic(char list, string listTitle, string item)
    {
        string? takenUpBy = null;
        var takenUp = TakenUpSuffix().Match(item);
        if (takenUp.Success)
        {
            takenUpBy = takenUp.Groups[1].Value.Trim();
            item = item[..takenUp.Index].Trim();
        }

        IReadOnlyList<string> bodies = [];
        if (TrailingParentheses().Match(item) is { Success: true } parentheses)
        {
            var parts = parentheses.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries);
            if (parts.All(p => BodyAcronym().IsMatch(p)))
            {
                bodies = parts;
                item = parentheses.Groups[1].Value;
            }
            else if (listTitle.Contains("taken up", StringComparison.OrdinalIgnoreCase))
            {
                // In the volunteers' list the brackets name who took the topic up, not WCO bodies.
                takenUpBy = parentheses.Groups[2].Value;
                item = parentheses.Groups[1].Value;
            }
        }

        return new AnnexIITopic(list, listTitle, item.Trim(), bodies, takenUpBy);
    }

    private static DiscussionPaper? ReadAnnexIII(ParseState state)
    {
        var header = new List<string>();
        while (state.Current is { } block && header.Count < 4 && !AuthorLine().IsMatch(block.Text))
        {
            if (block.Kind == BlockKind.Text)
            {
                header.Add(block.Text);
            }

            state.Advance();
        }

        if (state.Current is not { } authorBlock || header.Count == 0)
        {
            return null;
        }

        var author = AuthorLine().Match(authorBlock.Text);
        state.Advance();
        var title = header[0];
        state.Citation = "Annex III";
        var introduction = ReadUntil(state, b => IsHeading(b.Text));
        var sections = new List<TitledTopic>();
        var questions = new List<DiscussionQuestion>();
        while (state.Current is { } heading)
        {
            state.Advance();
            var sectionTitle = heading.Text.TrimEnd(':');
            state.Citation = $"Annex III > {sectionTitle}";
            var body = ReadUntil(state, b => IsHeading(b.Text));
            var numbered = body.Split('\n').Select(l => NumberedParagraph().Match(l)).Where(m => m.Success).ToList();
            if (numbered.Count > 1)
            {
                questions.AddRange(numbered.Select(m => new DiscussionQuestion(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value.Trim())));
            }
            else
            {
                sections.Add(new TitledTopic(sectionTitle, body));
            }
        }

        return new DiscussionPaper(title, author.Groups[1].Value, author.Groups[2].Value, introduction, sections, questions);
    }

    private static string ReadUntil(ParseState state, Func<TextBlock, bool> stop)
    {
        var lines = new List<string>();
        while (state.Current is { } block && !stop(block) && !(block.Kind == BlockKind.Separator && StartsAnnexII(state)))
        {
            state.Advance();
            if (block.Kind == BlockKind.Footnote)
            {
                state.AddFootnote(block);
            }
            else if (block.Kind == BlockKind.Text)
            {
                lines.Add(block.Text);
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>Annex II has no heading of its own: it is the part after a separator that opens with lettered lists.</summary>
    private static bool StartsAnnexII(ParseState state) =>
        state.Current is { Kind: BlockKind.Separator } && state.Peek(1) is { } first && first.Kind == BlockKind.Text
        && (ListLabel().IsMatch(first.Text) || state.Peek(2) is { } second && ListLabel().IsMatch(second.Text));

    private static bool IsHeading(string text) =>
        text.Length is > 1 and < 80
        && (char.IsUpper(text[0]) || (char.IsDigit(text[0]) && char.IsUpper(text[1])))
        && !NumberedParagraph().IsMatch(text)
        && (char.IsLetterOrDigit(text[^1]) || text[^1] is ')' or ':')
        && !IsC21Marker(text);

    private static bool IsC21Marker(string text) => text is "C21:" or "C21";

    private static bool IsInputMarker(string text) => text.StartsWith("Input by the VWG FC", StringComparison.Ordinal);

    /// <summary>"FUTURE ROLE OF THE WCO" reads "Future role of the WCO"; words that are acronyms stay upper case.</summary>
    private static string SentenceCase(string heading)
    {
        var words = heading.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => IsAcronym(w) ? w : w.ToLowerInvariant());
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static bool IsAcronym(string word) =>
        word.Length <= 3 && char.IsLetter(word[0]) && word is not ("FOR" or "THE" or "OF" or "AND" or "A" or "TO" or "IN" or "NEW");

    private sealed class ParseState(IReadOnlyList<TextBlock> blocks)
    {
        private int _position;

        public List<Footnote> Footnotes { get; } = [];

        public string Citation { get; set; } = string.Empty;

        public TextBlock? Current => _position < blocks.Count ? blocks[_position] : null;

        public TextBlock? Peek(int offset) => _position + offset < blocks.Count ? blocks[_position + offset] : null;

        public void Advance() => _position++;

        public void AddFootnote(TextBlock block) =>
            Footnotes.Add(new Footnote(TextBlocks.FootnoteNumber(block), block.Text, Citation));
    }

    [GeneratedRegex(@"^(\d{1,2})\.\s+(.*)$")]
    private static partial Regex NumberedParagraph();

    [GeneratedRegex(@"^-\s*(?![a-d]\)\s)(.+)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^-?\s*([a-d])\)\s+(.+)$")]
    private static partial Regex ListLabel();

    [GeneratedRegex(@"^(.*\S)\s*\(([^()]+)\)\s*$")]
    private static partial Regex TrailingParentheses();

    [GeneratedRegex(@"\s[-–]\s*taken up by (?:an? )?(.+)$")]
    private static partial Regex TakenUpSuffix();

    [GeneratedRegex(@"^[A-Z][A-Z0-9/ ]*$")]
    private static partial Regex BodyAcronym();

    [GeneratedRegex(@"^\s*-?\s*\(([a-j])\)\s*\*{2,3}")]
    private static partial Regex BuildingBlockStart();

    [GeneratedRegex(@"^-?\s*\(([a-j])\)\s*([^:]+):\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex BuildingBlockHeader();

    [GeneratedRegex(@"^[“""]?(?:…\s*)?([A-Z0-9][A-Z0-9 ,:'’\-]{5,})$")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^([A-Z0-9][^:.]{2,120}?):\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex TopicStart();

    [GeneratedRegex(@"^By\s+(.+?)\s+of\s+(.+)$")]
    private static partial Regex AuthorLine();
}
