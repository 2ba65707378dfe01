using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Knowledge;

internal enum SearchProvider
{
    Embedded,
    AzureAISearch,
}

/// <summary>Bound to the "Search" section.</summary>
internal sealed class SearchOptions
{
    public const string SectionName = "Search";

    public SearchProvider Provider { get; set; } = SearchProvider.Embedded;

    public EmbeddedSearchOptions Embedded { get; set; } = new();

    public AzureAISearchOptions AzureAISearch { get; set; } = new();

    /// <summary>Share of the question's terms a passage must contain for the bot to call it an answer (0-1);
    /// below it the bot says it found nothing relevant and offers the closest topics instead.</summary>
    public double RelevanceThreshold { get; set; } = 0.34;
}

internal sealed class EmbeddedSearchOptions
{
    /// <summary>Relative paths are resolved against the application's base directory.</summary>
    public string IndexPath { get; set; } = "data/index";
}

internal sealed class AzureAISearchOptions
{
    public Uri? Endpoint { get; set; }

    public string IndexName { get; set; } = "future-of-customs";

    /// <summary>Optional: without it the bot signs in with DefaultAzureCredential (managed identity in Azure).</summary>
    public string? ApiKey { get; set; }
}

internal sealed partial class SearchOptionsValidator : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Search:Provider must be {nameof(SearchProvider.Embedded)} or {nameof(SearchProvider.AzureAISearch)}.");
        }

        if (options.RelevanceThreshold is < 0 or > 1)
        {
            failures.Add("Search:RelevanceThreshold must be between 0 and 1 (the share of question terms a passage must contain).");
        }

        if (options.Provider == SearchProvider.Embedded && string.IsNullOrWhiteSpace(options.Embedded.IndexPath))
        {
            failures.Add("Search:Embedded:IndexPath must name a folder for the Lucene index (default data/index).");
        }

        if (options.Provider == SearchProvider.AzureAISearch)
        {
            // The SDK accepts https endpoints only; saying so here beats its exception at the first search.
            if (options.AzureAISearch.Endpoint is not { IsAbsoluteUri: true, Scheme: "https" })
            {
                failures.Add("Search:AzureAISearch:Endpoint must be the absolute https URL of the search service, e.g. https://<service>.search.windows.net.");
            }

            if (!IndexName().IsMatch(options.AzureAISearch.IndexName ?? string.Empty))
            {
                failures.Add("Search:AzureAISearch:IndexName must be 2-128 lower-case letters, digits or dashes, starting with a letter or digit.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,127}$")]
    private static partial Regex IndexName();
}

/// <summary>Bound to the "Knowledge" section: where the group's documents and the synonym map are.</summary>
internal sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>Relative paths are resolved against the application's base directory.</summary>
    public string CorpusPath { get; set; } = "corpus";

    public string SynonymsPath { get; set; } = "Knowledge/synonyms.txt";

    public static string Resolve(string path) => Path.GetFullPath(path, AppContext.BaseDirectory);
}
