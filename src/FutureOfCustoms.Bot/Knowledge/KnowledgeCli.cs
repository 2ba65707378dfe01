using System.Globalization;
using System.Text.Json;

namespace FutureOfCustoms.Bot.Knowledge;

/// <summary>The command line runs the same services as the bot, so what it prints is what the bot would answer.</summary>
internal static class KnowledgeCli
{
    private const string Usage = """
        usage:
          search "<question>" [--top N] [--json]
          index <file>...            (.txt, .md, .docx, .pdf)
        """;

    // Relaxed escaping: the output is read by people and scripts, never embedded in HTML.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Returns the exit code, or null when the arguments are not a knowledge command (the web host then runs).</summary>
    internal static async Task<int?> TryRunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        if (args.Length == 0 || args[0] is not ("search" or "index"))
        {
            return null;
        }

        var knowledge = services.GetRequiredService<KnowledgeBase>();
        return args[0] == "search" ? await SearchAsync(args[1..], knowledge, services.GetRequiredService<Structured.StructuredAnswers>(), output) : await IndexAsync(args[1..], knowledge, services.GetRequiredService<Catalogue.AddedDocumentLog>(), output);
    }

    private static async Task<int> SearchAsync(string[] args, KnowledgeBase knowledge, Structured.StructuredAnswers structured, TextWriter output)
    {
        var top = 5;
        var json = false;
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--json")
            {
                json = true;
            }
            else if (args[i] == "--top" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out top) && top > 0)
            {
                i++;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                await output.WriteLineAsync(Usage);
                return 2;
            }
            else
            {
                words.Add(args[i]);
            }
        }

        if (words.Count == 0)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        var question = string.Join(' ', words);
        var result = await knowledge.AnswerAsync(question, top, CancellationToken.None);

        // A question about the document's structure gets the bot's exact answer; the passages stay for reference.
        var exact = structured.TryAnswer(question, CultureInfo.GetCultureInfo("en"))?.Text;
        if (json)
        {
            var topics = result.HasRelevantAnswer || exact is not null ? [] : await knowledge.ClosestTopicsAsync(question, Answers.AskCommand.ClosestTopicCount, CancellationToken.None);
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                Answered = exact is not null || result.HasRelevantAnswer,
                Answer = exact ?? Answer(result, topics),
                Passages = result.Hits.Select((hit, i) => new
                {
                    Rank = i + 1,
                    hit.Passage.Id,
                    hit.Passage.Title,
                    Citation = hit.Passage.CitationPath,
                    hit.Passage.Text,
                    Highlights = hit.Highlights.Select(h => hit.Passage.Text.Substring(h.Start, h.Length)).Distinct(StringComparer.OrdinalIgnoreCase),
                    Score = Math.Round(hit.Score, 4),
                }),
            }, JsonOptions));
            return 0;
        }

        if (exact is not null)
        {
            await output.WriteLineAsync(exact);
        }
        else if (!result.HasRelevantAnswer)
        {
            await output.WriteLineAsync("(nothing clearly relevant; closest passages below)");
        }

        foreach (var (hit, i) in result.Hits.Select((hit, i) => (hit, i)))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. [{hit.Score:0.00}] {hit.Passage.CitationPath}  ({hit.Passage.Id})"));
            await output.WriteLineAsync("   " + hit.Mark("**", "**").ReplaceLineEndings("\n   "));
        }

        return 0;
    }

    /// <summary>What the bot says in words: the message text of its answer (plain, where Teams gets it
    /// markdown-escaped), or that nothing answers and which
    /// topics are closest.</summary>
    private static string Answer(KnowledgeSearchResult result, IReadOnlyList<Passage> topics)
    {
        if (result.HasRelevantAnswer)
        {
            return Answers.AnswerCards.Summary(result, markdown: false);
        }

        var closest = topics.Count > 0 ? $" {KnowledgeStrings.Unanswered_ClosestTopics} {string.Join("; ", topics.Select(t => t.Title))}." : string.Empty;
        return $"{KnowledgeStrings.Unanswered_Heading}.{closest} {KnowledgeStrings.Unanswered_Message}";
    }

    private static async Task<int> IndexAsync(string[] paths, KnowledgeBase knowledge, Catalogue.AddedDocumentLog additions, TextWriter output)
    {
        if (paths.Length == 0)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            await output.WriteLineAsync("not found: " + string.Join(", ", missing));
            return 1;
        }

        var added = await knowledge.IndexFilesAsync(paths, CancellationToken.None);
        foreach (var document in added.GroupBy(p => p.Source))
        {
            await additions.RecordAsync(document.Key["file:".Length..], document.Count(), CancellationToken.None);
        }

        var count = await knowledge.CountAsync(CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"indexed {added.Count} passages from {paths.Length} file(s); index holds {count}"));
        return 0;
    }
}
