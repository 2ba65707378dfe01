using FutureOfCustoms.Bot.Knowledge.Parsing;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Knowledge;

/// <summary>The documents shipped under <see cref="KnowledgeOptions.CorpusPath"/>, parsed once.</summary>
internal sealed class KnowledgeCorpus(IOptions<KnowledgeOptions> options)
{
    private readonly Lazy<(KnowledgeDocument? Document, IReadOnlyList<Passage> Passages)> _content = new(() => Load(options.Value));

    /// <summary>The VWG FC update's structure; null only when the corpus folder does not hold it.</summary>
    public KnowledgeDocument? Document => _content.Value.Document;

    public IReadOnlyList<Passage> Passages => _content.Value.Passages;

    private static (KnowledgeDocument?, IReadOnlyList<Passage>) Load(KnowledgeOptions options)
    {
        var folder = KnowledgeOptions.Resolve(options.CorpusPath);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The corpus folder '{folder}' (Knowledge:CorpusPath) does not exist.");
        }

        KnowledgeDocument? document = null;
        var passages = new List<Passage>();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => DocumentReader.SupportedExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (parsed, filePassages) = DocumentReader.Read(file, Passage.CorpusSource);
            document ??= parsed;
            passages.AddRange(filePassages);
        }

        return (document, passages);
    }
}
