using System.Security.Claims;
using FutureOfCustoms.Bot.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Moq;

namespace FutureOfCustoms.Bot.Tests.Teams;

public sealed class SharedConnectorClientsTests
{
    private const string ServiceUrl = "https://smba.example.test/emea/";
    private static readonly ClaimsIdentity Bot = new([new Claim(AuthenticationConstants.AudienceClaim, "bot-app-id")]);

    [Fact]
    public async Task Turns_of_one_service_url_share_one_connector_client_that_the_end_of_a_turn_does_not_dispose()
    {
        var (auth, created) = InnerAuthentication();
        var shared = new SharedConnectorClients(auth.Object);

        var first = await (await shared.AuthenticateRequestAsync(new Activity(), "Bearer x", CancellationToken.None)).ConnectorFactory.CreateAsync(ServiceUrl, "aud", CancellationToken.None);
        first.Dispose();
        var second = await shared.CreateConnectorFactory(Bot).CreateAsync(ServiceUrl, "aud", CancellationToken.None);

        var client = Assert.Single(created);
        client.Verify(c => c.Dispose(), Times.Never);
        Assert.Same(client.Object.Conversations, second.Conversations);
    }

    [Fact]
    public async Task Different_service_urls_and_audiences_get_their_own_clients()
    {
        var (auth, created) = InnerAuthentication();
        var shared = new SharedConnectorClients(auth.Object);
        var factory = shared.CreateConnectorFactory(Bot);

        await factory.CreateAsync(ServiceUrl, "aud", CancellationToken.None);
        await factory.CreateAsync("https://smba.example.test/amer/", "aud", CancellationToken.None);
        await factory.CreateAsync(ServiceUrl, "other-audience", CancellationToken.None);

        Assert.Equal(3, created.Count);
    }

    [Fact]
    public async Task Past_the_bound_clients_are_made_per_turn_and_disposed_by_the_turn_as_before()
    {
        var (auth, created) = InnerAuthentication();
        var shared = new SharedConnectorClients(auth.Object);
        var factory = shared.CreateConnectorFactory(Bot);
        for (var i = 0; i < SharedConnectorClients.MaxShared; i++)
        {
            await factory.CreateAsync($"https://forged-{i}.example.test/", "aud", CancellationToken.None);
        }

        using (await factory.CreateAsync("https://one-more.example.test/", "aud", CancellationToken.None))
        {
        }

        await factory.CreateAsync("https://one-more.example.test/", "aud", CancellationToken.None);

        Assert.Equal(SharedConnectorClients.MaxShared, shared.SharedCount);
        Assert.Equal(SharedConnectorClients.MaxShared + 2, created.Count);
        created[SharedConnectorClients.MaxShared].Verify(c => c.Dispose(), Times.Once);
    }

    [Fact]
    public async Task The_user_token_client_is_made_once_per_bot_identity()
    {
        var (auth, _) = InnerAuthentication();
        var shared = new SharedConnectorClients(auth.Object);

        using (await shared.CreateUserTokenClientAsync(Bot, CancellationToken.None))
        {
        }

        await shared.CreateUserTokenClientAsync(Bot, CancellationToken.None);

        auth.Verify(a => a.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private static (Mock<BotFrameworkAuthentication> Auth, List<Mock<IConnectorClient>> Created) InnerAuthentication()
    {
        var created = new List<Mock<IConnectorClient>>();
        var factory = new Mock<ConnectorFactory>();
        factory.Setup(f => f.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            var client = new Mock<IConnectorClient>();
            client.SetupGet(c => c.Conversations).Returns(new Mock<IConversations>().Object);
            created.Add(client);
            return client.Object;
        });
        var auth = new Mock<BotFrameworkAuthentication>();
        auth.Setup(a => a.AuthenticateRequestAsync(It.IsAny<Activity>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new AuthenticateRequestResult { ClaimsIdentity = Bot, ConnectorFactory = factory.Object, Audience = "aud" });
        auth.Setup(a => a.CreateConnectorFactory(It.IsAny<ClaimsIdentity>())).Returns(factory.Object);
        auth.Setup(a => a.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => new Mock<UserTokenClient>().Object);
        return (auth, created);
    }
}
