using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace FutureOfCustoms.Bot.Knowledge.Parsing;

/// <summary>Reads .txt, .md, .docx and .pdf files and turns them into passages; the group's structured document
/// gets its full structure, any other document passages under its headings.</summary>
internal static class DocumentReader
{
    public static readonly IReadOnlySet<string> SupportedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".docx", ".pdf" };

    public static string ReadText(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" or ".md" => File.ReadAllText(path),
        ".docx" => ReadDocx(path),
        ".pdf" => ReadPdf(path),
        var other => throw new NotSupportedException($"Cannot index '{path}': {other} files are not supported (use .txt, .md, .docx or .pdf)."),
    };

    /// <summary>Returns the structured document when the text is the VWG FC update (it has the C21 building blocks).</summary>
    public static (KnowledgeDocument? Document, IReadOnlyList<Passage> Passages) Read(string path, string source)
    {
        var text = ReadText(path);
        var document = DocumentParser.Parse(text);
        if (document.BuildingBlocks.Count > 0)
        {
            return (document, PassageBuilder.Build(document, source));
        }

        return (null, PlainPassages(text, Path.GetFileNameWithoutExtension(path), source));
    }

    public static IReadOnlyList<Passage> PlainPassages(string text, string name, string source)
    {
        var passages = new List<Passage>();
        var prefix = PassageBuilder.Slug(name);
        var heading = name;
        var body = new StringBuilder();
        var section = 0;

        void Flush()
        {
            if (body.Length > 0)
            {
                section++;
                passages.AddRange(PassageBuilder.Chunk(new Passage($"{prefix}-{section}", heading, $"{name} > {heading}", body.ToString(), PassageKind.ImportedDocument, Source: source)));
                body.Clear();
            }
        }

        foreach (var block in TextBlocks.Read(text).Where(b => b.Kind != BlockKind.Separator))
        {
            var line = block.Text.TrimStart('#', ' ');
            if (block.Raw.StartsWith('#') || (line.Length < 80 && !".:;,?!".Contains(line[^1], StringComparison.Ordinal) && char.IsUpper(line[0]) && !line.Contains(". ", StringComparison.Ordinal)))
            {
                Flush();
                heading = line;
                continue;
            }

            body.Append(body.Length > 0 ? "\n" : string.Empty).Append(line);
        }

        Flush();
        return passages;
    }

    private static string ReadDocx(string path)
    {
        using var document = WordprocessingDocument.Open(path, isEditable: false);
        var paragraphs = document.MainDocumentPart?.Document?.Body?.Descendants<Paragraph>().Select(p => p.InnerText) ?? [];
        return string.Join("\n\n", paragraphs);
    }

    private static string ReadPdf(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return string.Join("\n\n", pdf.GetPages().Select(page => ContentOrderTextExtractor.GetText(page)));
    }
}
