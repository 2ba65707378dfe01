using System.Net;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Search;

/// <summary>The real host configured with Search:Provider=AzureAISearch, answering from the fake service.</summary>
public sealed class AzureSearchHttpTests : IAsyncLifetime
{
    private FakeAzureSearchService? _service;
    private BotApplicationFactory? _factory;

    public async Task InitializeAsync()
    {
        _service = await FakeAzureSearchService.StartAsync();
        _factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Search:Provider"] = "AzureAISearch",
            ["Search:AzureAISearch:Endpoint"] = _service.Endpoint.ToString(),
            ["Search:AzureAISearch:IndexName"] = "bot-http",
            ["Search:AzureAISearch:ApiKey"] = FakeAzureSearchService.ApiKey,
        }).WithServices(services => services.AddSingleton(FakeAzureSearchService.ClientOptions()));
    }

    public async Task DisposeAsync()
    {
        _factory?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_question_is_answered_from_the_azure_search_index_with_a_citation()
    {
        // Act
        var (response, activities) = await _factory!.PostActivityAsync(BotApplicationFactory.TeamsMessage("What does the VWG FC say about e-commerce?"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = activities.Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", reply["attachments"]![0]!["contentType"]!.GetValue<string>());
        var citation = reply["entities"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "https://schema.org/Message")!;
        Assert.Contains("E-commerce", citation["citation"]![0]!["appearance"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(_service!.IndexDefinition("bot-http"));
        Assert.Contains(_service.Requests, r => r.Path == "/indexes('bot-http')/docs/search.post.search" && r.Body!["search"]!.GetValue<string>().Contains("commerce", StringComparison.Ordinal));
    }
}
