using Microsoft.AspNetCore.Mvc.Testing;

namespace FutureOfCustoms.Bot.Tests;

public sealed class HealthTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Health_endpoint_answers_ok()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode);
    }
}
