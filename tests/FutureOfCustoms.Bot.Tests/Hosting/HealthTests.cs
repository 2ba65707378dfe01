using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Hosting;

/// <summary>/healthz (liveness) and /readyz (readiness) as ASP.NET Core health checks.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Readiness_lists_the_store_and_the_index_and_answers_200_when_the_store_reads()
    {
        using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body!["checks"]!["store"]!["status"]!.GetValue<string>());
        Assert.NotNull(body["checks"]!["index"]);
    }

    [Fact]
    public async Task Readiness_answers_503_when_the_store_cannot_be_read_while_liveness_stays_ok()
    {
        using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(factory.DataDirectory, "bot.db"));
        Directory.Delete(factory.DataDirectory, recursive: true);
        await File.WriteAllTextAsync(factory.DataDirectory, "not a folder");

        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
