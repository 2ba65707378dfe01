using System.Net;
using System.Net.Http.Json;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Teams;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task With_an_app_id_a_request_without_a_token_gets_401_and_never_reaches_the_bot()
    {
        using var factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["Bot:AllowedTenants:0"] = TestBot.TenantId,
            ["MicrosoftAppType"] = "MultiTenant",
        });
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), BotApplicationFactory.TeamsMessage("help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task With_an_app_id_a_forged_token_gets_401()
    {
        using var factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["Bot:AllowedTenants:0"] = TestBot.TenantId,
        });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative)) { Content = JsonContent.Create(BotApplicationFactory.TeamsMessage("help")) };
        request.Headers.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
