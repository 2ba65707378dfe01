using System.Diagnostics;
using System.Globalization;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;
using FutureOfCustoms.Bot.Tests.Knowledge.Evaluation;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Benchmarks;

/// <summary>Search quality on the evaluation questions, through the bot's own KnowledgeBase and the real model:
/// per half, top-1 and top-3 in English and French, the off-topic answered rate, the answerable declined rate and
/// the median first passage; then the older question sets (drift), and the cold and warm index builds.
/// `--misses` lists what the tuning and old sets got wrong, `--evidence` the signals behind each decision.</summary>
internal static class QualityBenchmark
{
    public static async Task<int> RunAsync(TextWriter output, string[] args)
    {
        var verbose = args.Contains("--misses");
        var evidence = args.Contains("--evidence");
        var folder = Path.Combine(AppContext.BaseDirectory, "Quality");
        var corpus = new KnowledgeCorpus(Options.Create(new KnowledgeOptions()));
        var synonyms = Synonyms.Load(KnowledgeOptions.Resolve(new KnowledgeOptions().SynonymsPath));
        var indexFolder = Directory.CreateTempSubdirectory("quality-index-");
        try
        {
            var embeddings = KnowledgeEmbeddings.Local();
            var watch = Stopwatch.StartNew();
            using (var cold = LuceneKnowledgeIndex.OpenFolder(indexFolder.FullName, synonyms, embeddings))
            {
                await cold.SynchronizeCorpusAsync(corpus.Passages, CancellationToken.None);
            }

            var coldBuild = watch.Elapsed;
            using var index = LuceneKnowledgeIndex.OpenFolder(indexFolder.FullName, synonyms, embeddings);
            watch.Restart();
            var rebuilt = await index.SynchronizeCorpusAsync(corpus.Passages, CancellationToken.None);
            var warmStart = watch.Elapsed;
            using var french = FrenchQuery.Load(KnowledgeOptions.Resolve(new KnowledgeOptions().GlossaryPath));
            var knowledge = new KnowledgeBase(corpus, index, Options.Create(new SearchOptions()), french, new AnswerSentences(embeddings));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus: {corpus.Passages.Count} passages; cold index build with embeddings {coldBuild.TotalSeconds:0.0} s; second start {warmStart.TotalMilliseconds:0} ms (rebuilt: {rebuilt})"));
            output.WriteLine($"model: {embeddings.ModelId}");
            output.WriteLine();
            foreach (var (name, file) in new[] { ("tuning half", "tuning.tsv"), ("held-out half", "heldout.tsv"), ("old tuning set (61, ids remapped)", "questions.tsv"), ("old held-out set (15, ids remapped)", "questions-holdout.tsv") })
            {
                var questions = SearchEvaluation.Load(Path.Combine(folder, file));
                watch.Restart();
                var outcomes = await SearchEvaluation.RunAsync(knowledge, questions);
                var perQuestion = watch.Elapsed.TotalMilliseconds / questions.Count;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} ({questions.Count} questions, {perQuestion:0.0} ms each): {SearchEvaluation.Figures(outcomes)}"));
                // The held-out half is reported, never inspected: its misses and evidence would invite tuning on it.
                var lines = file is "heldout.tsv" or "questions-holdout.tsv" ? [] : (verbose ? SearchEvaluation.Misses(outcomes) : []).Concat(evidence ? SearchEvaluation.Evidence(outcomes) : []);
                foreach (var line in lines)
                {
                    output.WriteLine("  " + line);
                }
            }

            return 0;
        }
        finally
        {
            indexFolder.Delete(recursive: true);
        }
    }
}
