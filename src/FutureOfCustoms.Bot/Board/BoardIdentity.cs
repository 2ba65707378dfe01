using System.Security.Claims;
using System.Text.Encodings.Web;
using FutureOfCustoms.Bot.Teams;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace FutureOfCustoms.Bot.Board;

/// <summary>
/// Who is looking at the board. With MicrosoftAppId set: a Teams single sign-on token (getAuthToken in the page),
/// validated by Microsoft.Identity.Web for the app's application ID URI. Without one, and only in the Development
/// environment (the bot's anonymous local mode, for the Playground and tests): the member named by <c>as</c> in the
/// URL. The scheme is asked for explicitly by the board's endpoints, never by default, so the Bot Connector's own
/// tokens on /api/messages are not read by it.
/// </summary>
internal static class BoardIdentity
{
    public const string Scheme = "Board";

    /// <summary>The development identity's query parameter: an Entra object id.</summary>
    public const string DevelopmentUserParameter = "as";

    /// <summary>The delegated permission the manifest's app exposes for Teams SSO.</summary>
    public const string Scope = "access_as_user";

    /// <summary>Entra's object id claim, as short and long name (tokens carry "oid"; the handler may map it).</summary>
    private const string ObjectIdClaim = "oid";

    public static AuthenticationBuilder AddBoardIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        // ASP.NET Core makes a lone scheme the default, and the authentication middleware would then read every request
        // with it: each Bot Connector token on /api/messages checked (and logged) against the board's audience. The
        // board asks for its scheme by name; nothing else is authenticated by it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        var builder = services.AddAuthentication();
        var appId = configuration["MicrosoftAppId"];
        if (string.IsNullOrWhiteSpace(appId) || string.IsNullOrWhiteSpace(configuration[$"{BoardOptions.SectionName}:{nameof(BoardOptions.ApplicationIdUri)}"]))
        {
            // With an app id but no application ID URI the board has no audience to check tokens against: this
            // handler then signs nobody in (it serves the development identity only to the anonymous local bot).
            return builder.AddScheme<AuthenticationSchemeOptions, DevelopmentIdentityHandler>(Scheme, null);
        }

        builder.AddMicrosoftIdentityWebApi(
            jwt => jwt.MapInboundClaims = false,
            identity =>
            {
                identity.Instance = "https://login.microsoftonline.com/";
                identity.ClientId = appId;
                identity.TenantId = configuration["MicrosoftAppTenantId"] is { Length: > 0 } tenant ? tenant : "organizations";
            },
            Scheme);

        // The audience is the application ID URI alone: a token for the bot's client id or another API is refused.
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<BoardOptions>>((jwt, board) =>
        {
            jwt.TokenValidationParameters.ValidAudiences = [board.Value.ApplicationIdUri];
            jwt.Audience = board.Value.ApplicationIdUri;
        });
        return builder;
    }

    /// <summary>The signed-in user's Entra object id and name, or null when the principal has none.</summary>
    public static (string ObjectId, string Name)? UserOf(ClaimsPrincipal principal)
    {
        var objectId = principal.FindFirstValue(ObjectIdClaim) ?? principal.FindFirstValue(ClaimConstants.ObjectId);
        if (string.IsNullOrWhiteSpace(objectId))
        {
            return null;
        }

        var name = principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name) ?? objectId;
        return (objectId, name);
    }

    /// <summary>Whether a token-signed user granted the board's scope (the development identity has none to grant).</summary>
    public static bool HasBoardScope(ClaimsPrincipal principal)
        => principal.FindFirstValue(ClaimConstants.Scp) is not { } scopes || scopes.Split(' ').Contains(Scope, StringComparer.Ordinal);

    /// <summary>The development identity: the member the URL names, in the Development environment with no app id only.</summary>
    private sealed class DevelopmentIdentityHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IHostEnvironment environment, IOptions<BotIdentityOptions> bot)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!environment.IsDevelopment() || !bot.Value.IsAnonymous)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var user = Request.Query[DevelopmentUserParameter].ToString();
            if (user.Length is 0 or > 64 || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ':' or '_'))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ObjectIdClaim, user), new Claim("name", user)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
