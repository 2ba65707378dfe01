using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Tests.Knowledge;

public sealed class SearchOptionsValidatorTests
{
    private readonly SearchOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        // Act
        var result = _validator.Validate(null, new SearchOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_relevance_threshold_outside_0_to_1_is_explained()
    {
        // Act
        var result = _validator.Validate(null, new SearchOptions { RelevanceThreshold = 1.5 });

        // Assert
        Assert.Contains("Search:RelevanceThreshold must be between 0 and 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_OpenAI_embeddings_without_endpoint_deployment_or_key_are_explained()
    {
        // Arrange
        var options = new SearchOptions { Embeddings = { Provider = EmbeddingProvider.AzureOpenAI, Endpoint = new Uri("http://resource.openai.azure.com/openai/v1/") } };

        // Act
        var result = _validator.Validate(null, options);

        // Assert
        Assert.Contains("Search:Embeddings:Endpoint must be the https OpenAI v1 address", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Search:Embeddings:Deployment and Search:Embeddings:ApiKey are required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_OpenAI_embeddings_with_endpoint_deployment_and_key_are_valid()
    {
        // Arrange
        var options = new SearchOptions { Embeddings = { Provider = EmbeddingProvider.AzureOpenAI, Endpoint = new Uri("https://resource.openai.azure.com/openai/v1/"), Deployment = "text-embedding-3-small", ApiKey = "key" } };

        // Act
        var result = _validator.Validate(null, options);

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_minimum_cosine_outside_minus_1_to_1_is_explained()
    {
        // Act
        var result = _validator.Validate(null, new SearchOptions { MinimumCosine = 2 });

        // Assert
        Assert.Contains("Search:MinimumCosine must be between -1 and 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_AI_Search_without_an_endpoint_and_with_a_bad_index_name_reports_both()
    {
        // Arrange
        var options = new SearchOptions { Provider = SearchProvider.AzureAISearch, AzureAISearch = { IndexName = "Future_Of_Customs" } };

        // Act
        var result = _validator.Validate(null, options);

        // Assert
        Assert.Contains("Search:AzureAISearch:Endpoint must be the absolute https URL", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Search:AzureAISearch:IndexName must be 2-128 lower-case letters", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_embedded_index_path_is_explained()
    {
        // Act
        var result = _validator.Validate(null, new SearchOptions { Embedded = { IndexPath = " " } });

        // Assert
        Assert.Contains("Search:Embedded:IndexPath must name a folder", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_Azure_AI_Search_endpoint_is_refused_because_the_SDK_requires_https()
    {
        // Arrange
        var options = new SearchOptions { Provider = SearchProvider.AzureAISearch, AzureAISearch = { Endpoint = new Uri("http://search.example.net") } };

        // Act
        var result = _validator.Validate(null, options);

        // Assert
        Assert.Contains("Search:AzureAISearch:Endpoint must be the absolute https URL", result.FailureMessage, StringComparison.Ordinal);
    }
}
