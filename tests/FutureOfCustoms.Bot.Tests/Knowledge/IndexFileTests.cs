using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Knowledge.Search;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using PageSize = UglyToad.PdfPig.Content.PageSize;

namespace FutureOfCustoms.Bot.Tests.Knowledge;

/// <summary>The CLI's "index &lt;file&gt;" command on each supported format, then the same search the bot runs.</summary>
public sealed class IndexFileTests : IDisposable
{
    private const string Body = "The axolotl seal scheme covers bonded transit between member administrations.";

    private readonly string _folder = Directory.CreateTempSubdirectory("knowledge-files-").FullName;
    private readonly LuceneKnowledgeIndex _index = new(new Lucene.Net.Store.RAMDirectory(), Corpus.Synonyms, KnowledgeEmbeddings.Local());
    private readonly ServiceProvider _services;

    public IndexFileTests()
    {
        var knowledge = new KnowledgeBase(new KnowledgeCorpus(Options.Create(new KnowledgeOptions())), _index, Options.Create(new SearchOptions()), Corpus.French, Corpus.Sentences);
        _services = new ServiceCollection()
            .AddSingleton(knowledge)
            .AddSingleton<IDocumentStore>(new SqliteDocumentStore(Path.Combine(_folder, "store.db")))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<AddedDocumentLog>()
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _index.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(".txt")]
    [InlineData(".md")]
    [InlineData(".docx")]
    [InlineData(".pdf")]
    public async Task An_indexed_file_is_then_found_by_search(string extension)
    {
        // Arrange
        var path = Path.Combine(_folder, "transit-notes" + extension);
        Write(path, "Transit notes", Body);
        using var output = new StringWriter();

        // Act
        var exitCode = await KnowledgeCli.TryRunAsync(["index", path], _services, output);
        var result = await _services.GetRequiredService<KnowledgeBase>().SearchAsync("axolotl seal scheme", 3, CancellationToken.None);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.StartsWith("indexed 1 passages from 1 file(s)", output.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(result.Hits);
        Assert.Equal("file-transit-notes-1", result.Hits[0].Passage.Id);
        Assert.Contains("axolotl", result.Hits[0].Passage.Text, StringComparison.Ordinal);
    }

    private static void Write(string path, string heading, string body)
    {
        switch (Path.GetExtension(path))
        {
            case ".txt":
                File.WriteAllText(path, $"{heading}\n\n{body}\n");
                break;
            case ".md":
                File.WriteAllText(path, $"# {heading}\n\n{body}\n");
                break;
            case ".docx":
                using (var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
                {
                    document.AddMainDocumentPart().Document = new Document(new Body(
                        new Paragraph(new Run(new Text(heading))),
                        new Paragraph(new Run(new Text(body)))));
                }

                break;
            default:
                var builder = new PdfDocumentBuilder();
                var font = builder.AddStandard14Font(Standard14Font.Helvetica);
                var page = builder.AddPage(PageSize.A4);
                page.AddText(heading, 14, new PdfPoint(40, 780), font);
                page.AddText(body, 10, new PdfPoint(40, 740), font);
                File.WriteAllBytes(path, builder.Build());
                break;
        }
    }
}
