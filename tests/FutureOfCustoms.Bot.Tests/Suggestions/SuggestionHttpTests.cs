using System.Net;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Suggestions;

public sealed class SuggestionHttpTests(BotApplicationFactory factory) : IClassFixture<BotApplicationFactory>
{
    [Fact]
    public async Task Suggest_posted_as_a_teams_activity_answers_the_suggestion_card()
    {
        var (response, activities) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("suggest"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = activities.Single()!["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("\"verb\":\"suggestions.submit\"", card, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"why\"", card, StringComparison.Ordinal);
    }
}
