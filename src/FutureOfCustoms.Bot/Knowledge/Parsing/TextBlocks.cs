using System.Text.RegularExpressions;

namespace FutureOfCustoms.Bot.Knowledge.Parsing;

internal enum BlockKind
{
    Text,
    Separator,
    Footnote,
}

/// <summary>A logical paragraph or list item of text extracted from a PDF. <see cref="Raw"/> keeps the markdown
/// emphasis because bold is what tells a building block "(i) **Capacity building:**" from a sub-list item "(i)".</summary>
internal sealed record TextBlock(BlockKind Kind, string Raw, string Text);

/// <summary>Turns PDF-extracted text into clean blocks: page markers and emphasis removed, footnotes set apart,
/// paragraphs that a page break cut in two joined again.</summary>
internal static partial class TextBlocks
{
    private const string Superscripts = "¹²³⁴⁵⁶⁷⁸⁹⁰";

    public static IReadOnlyList<TextBlock> Read(string text)
    {
        var blocks = new List<TextBlock>();
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || PageMarker().IsMatch(line) || line == "-")
            {
                continue;
            }

            if (SeparatorLine().IsMatch(line))
            {
                if (blocks.Count > 0 && blocks[^1].Kind != BlockKind.Separator)
                {
                    blocks.Add(new TextBlock(BlockKind.Separator, line, string.Empty));
                }

                continue;
            }

            if (Superscripts.Contains(line[0], StringComparison.Ordinal))
            {
                blocks.Add(new TextBlock(BlockKind.Footnote, line, Clean(line)));
                continue;
            }

            var block = new TextBlock(BlockKind.Text, line, Clean(line));
            var previous = LastTextBlockIndex(blocks);
            if (previous >= 0 && ContinuesAfterPageBreak(blocks[previous].Text, block.Text))
            {
                var joined = blocks[previous];
                blocks[previous] = joined with { Raw = joined.Raw + " " + block.Raw, Text = joined.Text + " " + block.Text };
                continue;
            }

            blocks.Add(block);
        }

        return blocks;
    }

    /// <summary>The footnote's number, read from its leading superscript digits.</summary>
    public static int FootnoteNumber(TextBlock block) =>
        block.Raw.TakeWhile(c => Superscripts.Contains(c, StringComparison.Ordinal))
            .Aggregate(0, (n, c) => (n * 10) + ((Superscripts.IndexOf(c, StringComparison.Ordinal) + 1) % 10));

    public static string Clean(string line)
    {
        var text = line.Replace("*", string.Empty, StringComparison.Ordinal);
        text = text.TrimStart(Superscripts.ToCharArray()).Trim();
        text = SuperscriptRun().Replace(text, string.Empty);
        text = Ellipsis().Replace(text, "… ");
        return MultipleSpaces().Replace(text, " ").Trim();
    }

    private static int LastTextBlockIndex(List<TextBlock> blocks)
    {
        // Footnotes and page markers sit between the two halves of a paragraph cut by a page break.
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            if (blocks[i].Kind == BlockKind.Text)
            {
                return i;
            }

            if (blocks[i].Kind == BlockKind.Separator)
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool ContinuesAfterPageBreak(string previous, string current)
    {
        if (previous.Length < 60 || StartsStructure().IsMatch(current))
        {
            return false;
        }

        var last = previous[^1];
        return char.IsLetterOrDigit(last) || last == ',';
    }

    [GeneratedRegex(@"^[IVX]+/\d+\.$")]
    private static partial Regex PageMarker();

    [GeneratedRegex(@"^[*\s]+$")]
    private static partial Regex SeparatorLine();

    [GeneratedRegex("[¹²³⁴⁵⁶⁷⁸⁹⁰]+")]
    private static partial Regex SuperscriptRun();

    [GeneratedRegex(@"\.{4,}")]
    private static partial Regex Ellipsis();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"^(-|\d{1,2}\.\s|C21\b|Progress so far|Input by)")]
    private static partial Regex StartsStructure();
}
