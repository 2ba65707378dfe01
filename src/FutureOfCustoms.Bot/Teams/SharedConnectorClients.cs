using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// CloudAdapter builds a new ConnectorClient and UserTokenClient for every incoming activity and disposes them at
/// the end of the turn; each one runs Microsoft.Rest.ServiceClient's constructor, which compiles regular expressions
/// for its User-Agent header under a lock. Under 200 simultaneous votes that was a fifth of the bot's CPU. The
/// clients hold no per-turn state and are safe to share, so each is made once per app id, service URL and audience
/// and handed out as a view the adapter's <c>using</c> cannot dispose (as BotFrameworkAdapter cached them before
/// CloudAdapter). Service URLs come from the activities: the cache is bounded, and past the bound a client is made
/// per turn as before.
/// </summary>
internal sealed class SharedConnectorClients(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    internal const int MaxShared = 64;

    private readonly ConcurrentDictionary<(string AppId, string ServiceUrl, string Audience), IConnectorClient> _connectors = new();
    private readonly ConcurrentDictionary<string, UserTokenClient> _tokenClients = new(StringComparer.Ordinal);

    internal int SharedCount => _connectors.Count;

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
        => Shared(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
        => Shared(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false));

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity)
        => new Factory(this, inner.CreateConnectorFactory(claimsIdentity), AppId(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        => SharedAsync(_tokenClients, AppId(claimsIdentity), () => inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken), created => new UndisposableUserTokenClient(created));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken)
        => inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>Whose credentials a client carries: the bot's app id is the audience of the channel's token (empty when anonymous).</summary>
    private static string AppId(ClaimsIdentity identity)
        => string.Join('|', identity.Claims.Where(c => c.Type is AuthenticationConstants.AudienceClaim or AuthenticationConstants.AppIdClaim or AuthenticationConstants.AuthorizedParty).Select(c => c.Value));

    private AuthenticateRequestResult Shared(AuthenticateRequestResult result)
    {
        result.ConnectorFactory = new Factory(this, result.ConnectorFactory, AppId(result.ClaimsIdentity));
        return result;
    }

    private Task<IConnectorClient> ConnectorAsync(ConnectorFactory factory, string appId, string serviceUrl, string audience, CancellationToken cancellationToken)
        => SharedAsync(_connectors, (appId, serviceUrl, audience ?? string.Empty), () => factory.CreateAsync(serviceUrl, audience, cancellationToken), created => new UndisposableConnectorClient(created));

    /// <summary>The shared client of <paramref name="key"/>, made on first use; past the bound, a client of this turn only.</summary>
    private static async Task<T> SharedAsync<TKey, T>(ConcurrentDictionary<TKey, T> shared, TKey key, Func<Task<T>> create, Func<T, T> undisposable)
        where TKey : notnull
        where T : class, IDisposable
    {
        if (shared.TryGetValue(key, out var known))
        {
            return known;
        }

        var created = await create().ConfigureAwait(false);
        if (shared.Count >= MaxShared)
        {
            return created;
        }

        if (shared.TryAdd(key, undisposable(created)))
        {
            return shared[key];
        }

        // Another turn made one at the same moment: use it, and let this one go.
        created.Dispose();
        return shared[key];
    }

    private sealed class Factory(SharedConnectorClients owner, ConnectorFactory inner, string appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken = default)
            => owner.ConnectorAsync(inner, appId, serviceUrl, audience, cancellationToken);
    }

    private sealed class UndisposableConnectorClient(IConnectorClient inner) : IConnectorClient
    {
        public Uri BaseUri { get => inner.BaseUri; set => inner.BaseUri = value; }

        public JsonSerializerSettings SerializationSettings => inner.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => inner.DeserializationSettings;

        public ServiceClientCredentials Credentials => inner.Credentials;

        public IAttachments Attachments => inner.Attachments;

        public IConversations Conversations => inner.Conversations;

        public void Dispose()
        {
            // Shared by every turn for the life of the bot.
        }
    }

    private sealed class UndisposableUserTokenClient(UserTokenClient inner) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken)
            => inner.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken)
            => inner.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken)
            => inner.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken)
            => inner.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken)
            => inner.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken)
            => inner.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        // The inner client is shared by every turn for the life of the bot: only this view is disposed.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
