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

    public EmbeddingOptions Embeddings { get; set; } = new();

    /// <summary>Share of the question's terms a passage must contain for the bot to call it an answer (0-1);
    /// below it the bot says it found nothing relevant and offers the closest topics instead.</summary>
    public double RelevanceThreshold { get; set; } = 0.37;

    /// <summary>Cosine similarity between question and passage below which the bot never calls the passage an
    /// answer. Model-specific: 0.5 is calibrated for the local ArcticXs model; set it anew for another model.</summary>
    public double MinimumCosine { get; set; } = 0.5;
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

internal enum EmbeddingProvider
{
    ArcticXs,
    AzureOpenAI,
}

/// <summary>Bound to "Search:Embeddings": the model that turns passages and questions into vectors.</summary>
internal sealed class EmbeddingOptions
{
    /// <summary>ArcticXs: the local English model shipped in the package; AzureOpenAI: a deployment (multilingual).</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.ArcticXs;

    /// <summary>The Azure OpenAI resource's OpenAI v1 address, e.g. https://&lt;resource&gt;.openai.azure.com/openai/v1/.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The embedding deployment's name, e.g. text-embedding-3-small.</summary>
    public string? Deployment { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Vector length asked of the deployment; 384 matches the local model and the Azure AI Search field.</summary>
    public int Dimensions { get; set; } = 384;
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

        if (options.MinimumCosine is < -1 or > 1)
        {
            failures.Add("Search:MinimumCosine must be between -1 and 1 (a cosine similarity).");
        }

        if (options.Provider == SearchProvider.Embedded && string.IsNullOrWhiteSpace(options.Embedded.IndexPath))
        {
            failures.Add("Search:Embedded:IndexPath must name a folder for the Lucene index (default data/index).");
        }

        if (options.Embeddings.Provider == EmbeddingProvider.AzureOpenAI)
        {
            if (options.Embeddings.Endpoint is not { IsAbsoluteUri: true, Scheme: "https" })
            {
                failures.Add("Search:Embeddings:Endpoint must be the https OpenAI v1 address of the Azure OpenAI resource, e.g. https://<resource>.openai.azure.com/openai/v1/.");
            }

            if (string.IsNullOrWhiteSpace(options.Embeddings.Deployment) || string.IsNullOrWhiteSpace(options.Embeddings.ApiKey))
            {
                failures.Add("Search:Embeddings:Deployment and Search:Embeddings:ApiKey are required with the AzureOpenAI embedding provider.");
            }

            if (options.Embeddings.Dimensions is < 64 or > 3072)
            {
                failures.Add("Search:Embeddings:Dimensions must be between 64 and 3072 (384 matches the local model).");
            }
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

    /// <summary>The French to English glossary that French questions are searched through.</summary>
    public string GlossaryPath { get; set; } = "Knowledge/glossary-fr-en.txt";

    public static string Resolve(string path) => Path.GetFullPath(path, AppContext.BaseDirectory);
}
