using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Claims;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Board;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Teams;
using FutureOfCustoms.Bot.Tests.Polls;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;

namespace FutureOfCustoms.Bot.Tests.Board;

/// <summary>
/// The real host with the board, a roster the test chooses, and the conversations the bot is in. With
/// <see cref="AppId"/> set, Teams SSO tokens are checked by Microsoft.Identity.Web against a signing key of the
/// test's own, standing in for Entra's published keys (this machine reaches no Entra); everything else about the
/// token (audience, lifetime, signature, scope) goes through the real validation.
/// </summary>
internal sealed class BoardHost : IDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string ApplicationIdUri = "api://board.example.org/botid-" + AppId;
    public const string Issuer = "https://login.microsoftonline.com/" + TenantGuid + "/v2.0";
    public const string OtherTeamId = "19:otherteam@thread.tacv2";
    public const string OtherChannelId = "19:otherchannel@thread.tacv2";
    public const string MeetingChatId = "19:meeting_ptc-autumn@thread.v2";
    public const string MeetingId = "MCMxOTptZWV0aW5nX3B0Yw==";
    public const string OutsiderAadId = "00000000-0000-0000-0000-0000000000ee";
    private const string TenantGuid = "99999999-8888-7777-6666-555555555555";

    private static readonly RsaSecurityKey EntraKey = new(RSA.Create(2048)) { KeyId = "entra-test-key" };
    private static int _nextPoll;

    public BoardHost(bool withAppId = false, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());

        // An app id needs its allowed tenants (issue 17); the test activities come from TestBot's tenant.
        all.TryAdd("Bot:AllowedTenants:0", TestBot.TenantId);
        if (withAppId)
        {
            all["MicrosoftAppId"] = AppId;
            all["MicrosoftAppPassword"] = "test-secret";
            all["MicrosoftAppTenantId"] = TenantGuid;
            all["Board:ApplicationIdUri"] = ApplicationIdUri;
        }

        Messenger.Members.AddRange([FakeMessenger.Member(TestBot.ModeratorAadId), FakeMessenger.Member(TestBot.MemberAadId), FakeMessenger.Member(TestBot.OtherMemberAadId)]);
        Factory = new BotApplicationFactory(all).WithServices(services =>
        {
            services.AddSingleton<IMessenger>(Messenger);
            if (withAppId)
            {
                services.PostConfigure<JwtBearerOptions>(BoardIdentity.Scheme, jwt =>
                {
                    var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                    configuration.SigningKeys.Add(EntraKey);
                    jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                    jwt.TokenValidationParameters.IssuerValidator = null;
                    jwt.TokenValidationParameters.ValidIssuer = Issuer;
                });
            }
        });
    }

    public BotApplicationFactory Factory { get; }

    public FakeMessenger Messenger { get; } = new();

    public T Get<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>The bot in the group's team (its General channel) and in a second team the board must keep apart.</summary>
    public async Task InstallAsync()
    {
        var conversations = Get<ConversationReferenceStore>();
        await conversations.RememberAsync(ChannelActivity(TestBot.TeamId, TestBot.ChannelConversationId), installed: true, CancellationToken.None);
        await conversations.RememberAsync(ChannelActivity(OtherTeamId, OtherChannelId), installed: true, CancellationToken.None);
    }

    /// <summary>The bot in a PTC meeting's chat, its reference pointing at <paramref name="serviceUrl"/> (where the meeting API is asked).</summary>
    public Task InstallInMeetingAsync(string serviceUrl)
    {
        var activity = ChannelActivity(TestBot.TeamId, MeetingChatId);
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount(isGroup: true, conversationType: "groupChat", id: MeetingChatId, tenantId: TestBot.TenantId);
        activity.ChannelData = JObject.FromObject(new TeamsChannelData { Meeting = new TeamsMeetingInfo(MeetingId), Tenant = new TenantInfo(TestBot.TenantId) });
        return Get<ConversationReferenceStore>().RememberAsync(activity, installed: true, CancellationToken.None);
    }

    public async Task<Poll> OpenPollAsync(bool anonymous = false, PollVisibility visibility = PollVisibility.Live, string conversationId = TestBot.ChannelConversationId, PollStatus status = PollStatus.Open)
    {
        var poll = new Poll
        {
            Id = $"board{Interlocked.Increment(ref _nextPoll):D3}",
            Question = "Which topic should the PTC take first?",
            Options = [new PollOption("1", "Data analytics"), new PollOption("2", "E-commerce"), new PollOption("3", "Green customs")],
            Anonymous = anonymous,
            Visibility = visibility,
            ConversationId = conversationId,
            CreatedBy = new UserRef("29:moderator", "Moderator", TestBot.ModeratorAadId),
            Status = status,
            LaunchedAt = status == PollStatus.Open ? DateTimeOffset.UtcNow : null,
        };
        await Get<PollStore>().InsertAsync(poll, CancellationToken.None);
        return poll;
    }

    public Task<VoteResult> VoteAsync(Poll poll, string aadObjectId, string option)
        => Get<PollService>().VoteAsync(poll, FakeMessenger.Member(aadObjectId), [option], CancellationToken.None);

    /// <summary>A board request as the development identity <paramref name="aadObjectId"/> (none: anonymous).</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? aadObjectId, string query = "")
    {
        var client = Factory.CreateClient();
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var identity = aadObjectId is null ? string.Empty : $"{separator}as={aadObjectId}";
        return client.GetAsync(new Uri(path + identity + query, UriKind.Relative));
    }

    public Task<HttpResponseMessage> GetWithTokenAsync(string path, string? token)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.GetAsync(new Uri(path, UriKind.Relative));
    }

    public async Task<JsonNode> GetJsonAsync(string path, string aadObjectId)
    {
        using var response = await GetAsync(path, aadObjectId);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>A Teams SSO token as Entra would issue it for the board, with what the test changes.</summary>
    public static string Token(string aadObjectId, string audience = ApplicationIdUri, DateTimeOffset? expires = null, SecurityKey? key = null, string scope = BoardIdentity.Scope)
    {
        var now = DateTimeOffset.UtcNow;
        var end = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = end.AddHours(-1).UtcDateTime,
            NotBefore = end.AddHours(-1).UtcDateTime,
            Expires = end.UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("oid", aadObjectId), new Claim("name", TestBot.NameOf(aadObjectId)), new Claim("scp", scope), new Claim("tid", TenantGuid), new Claim("ver", "2.0")]),
            SigningCredentials = new SigningCredentials(key ?? EntraKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => Factory.Dispose();

    private static Activity ChannelActivity(string teamId, string channelId) => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        ChannelId = "msteams",
        ServiceUrl = LocalConnector.ServiceUrl,
        From = new ChannelAccount($"29:{TestBot.ModeratorAadId}", "Moderator", aadObjectId: TestBot.ModeratorAadId),
        Recipient = new ChannelAccount(TestBot.BotId, "Future of Customs"),
        Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: channelId, tenantId: TestBot.TenantId),
        ChannelData = JObject.FromObject(new TeamsChannelData { Team = new TeamInfo(teamId, "Team"), Channel = new ChannelInfo(channelId, "General"), Tenant = new TenantInfo(TestBot.TenantId) }),
    };
}
