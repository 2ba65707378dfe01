using System.Net;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FutureOfCustoms.Bot.Tests.Hosting;

public sealed class DownloadLinkTests
{
    [Fact]
    public async Task A_download_link_serves_the_file_until_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new BotApplicationFactory().WithServices(s => s.AddSingleton<TimeProvider>(time));
        using var client = factory.CreateClient();
        var links = factory.Services.GetRequiredService<IDownloadLinks>();

        var link = await links.CreateAsync("responses.csv", "text/csv", "question,answer\n1,yes\n"u8.ToArray(), CancellationToken.None);
        var fresh = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        time.Advance(TimeSpan.FromMinutes(16));
        var expired = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("question,answer\n1,yes\n", await fresh.Content.ReadAsStringAsync());
        Assert.Equal("responses.csv", fresh.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("..%2f..%2fbot.db")]
    [InlineData("short")]
    public async Task A_guessed_or_malformed_token_finds_nothing(string token)
    {
        using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/downloads/" + token, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
