using System.Net;
using DocumentFormat.OpenXml.Packaging;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Discussion;

public sealed class DiscussionHttpTests
{
    [Fact]
    public async Task Export_responses_over_http_gives_download_links_the_bot_serves_as_a_word_document()
    {
        using var factory = new BotApplicationFactory();
        var store = factory.Services.GetRequiredService<DiscussionStore>();
        await store.FindAsync("annex-iii", CancellationToken.None);
        await store.SaveAnswerAsync("annex-iii", 2, new UserRef("29:x", "Mia Member", TestBot.MemberAadId), new AnswerVersion("Risk management must change.", null, "China Customs", "Mia Member", DateTimeOffset.UtcNow), CancellationToken.None);

        var (response, activities) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("export responses", TestBot.ModeratorAadId, conversationId: $"a:personal-{TestBot.ModeratorAadId}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = activities.Single()!["attachments"]![0]!["content"]!;
        var word = new Uri((string)card["actions"]![0]!["url"]!);
        using var client = factory.CreateClient();
        using var download = await client.GetAsync(new Uri(word.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(DiscussionExport.DocxContentType, download.Content.Headers.ContentType?.MediaType);
        using var document = WordprocessingDocument.Open(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("China Customs: Risk management must change.", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }
}
