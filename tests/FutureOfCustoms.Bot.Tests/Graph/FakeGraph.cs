using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using FutureOfCustoms.Bot.Graph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.Bot.Tests.Graph;

/// <summary>
/// A local HTTP server on 127.0.0.1 answering the Graph v1.0 requests the bot makes, with Graph's JSON shapes,
/// so the real GraphServiceClient (paths, query, deserialization, errors) is exercised without a tenant.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public const string AccessToken = "fake-graph-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.OrdinalIgnoreCase);

    private FakeGraph(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.Single() + "/v1.0";

    /// <summary>Team (group id) to its members: user id and roles.</summary>
    public ConcurrentDictionary<string, List<(string UserId, string Name, string[] Roles)>> Teams { get; } = new();

    /// <summary>User id to companyName, department, country.</summary>
    public ConcurrentDictionary<string, (string? CompanyName, string? Department, string? Country)> Users { get; } = new();

    /// <summary>Sharing URL to the file behind it.</summary>
    public ConcurrentDictionary<string, (string Name, byte[] Content)> SharedFiles { get; } = new();

    /// <summary>Requests by path ("/v1.0/teams/x/members"), for cache assertions.</summary>
    public int RequestsTo(string path) => _requests.GetValueOrDefault(path);

    /// <summary>Settings that turn Graph on against this server (the credential itself is replaced by <see cref="UseStubCredential"/>).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Graph:TenantId"] = "contoso.onmicrosoft.com",
        ["Graph:ClientId"] = "11111111-1111-1111-1111-111111111111",
        ["Graph:ClientSecret"] = "not-a-secret",
        ["Graph:BaseUrl"] = BaseUrl,
    };

    /// <summary>Entra is never called: the token is a constant the fake checks.</summary>
    public static void UseStubCredential(IServiceCollection services)
        => services.AddKeyedSingleton<TokenCredential>(GraphOptions.SectionName, new StubCredential());

    public static FakeGraph Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGraph(app);
        app.Use(async (context, next) =>
        {
            fake._requests.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            if (context.Request.Headers.Authorization != $"Bearer {AccessToken}")
            {
                await Error(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken");
                return;
            }

            await next(context);
        });
        app.MapGet("/v1.0/teams/{team}/members", (string team) => fake.Teams.TryGetValue(team, out var members)
            ? Json(new JsonObject
            {
                ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#teams('{team}')/members",
                ["@odata.count"] = members.Count,
                ["value"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
                {
                    ["@odata.type"] = "#microsoft.graph.aadUserConversationMember",
                    ["id"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(m.UserId)),
                    ["roles"] = new JsonArray([.. m.Roles.Select(r => (JsonNode)r)]),
                    ["displayName"] = m.Name,
                    ["visibleHistoryStartDateTime"] = "0001-01-01T00:00:00Z",
                    ["userId"] = m.UserId,
                    ["email"] = null,
                    ["tenantId"] = "tenant-1",
                })]),
            })
            : NotFound("NotFound"));
        app.MapGet("/v1.0/users/{user}", (string user) => fake.Users.TryGetValue(user, out var u)
            ? Json(new JsonObject
            {
                ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users(companyName,department,country)/$entity",
                ["companyName"] = u.CompanyName,
                ["department"] = u.Department,
                ["country"] = u.Country,
            })
            : NotFound("Request_ResourceNotFound"));
        app.MapGet("/v1.0/shares/{share}/driveItem", (string share) => fake.FindShare(share) is { } file
            ? Json(new JsonObject
            {
                ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#shares('x')/driveItem/$entity",
                ["id"] = "01ABCDEF",
                ["name"] = file.Name,
                ["size"] = file.Content.Length,
                ["file"] = new JsonObject { ["mimeType"] = "application/octet-stream" },
            })
            : NotFound("itemNotFound"));
        app.MapGet("/v1.0/shares/{share}/driveItem/content", (string share) => fake.FindShare(share) is { } file
            ? Results.Bytes(file.Content, "application/octet-stream")
            : NotFound("itemNotFound"));
        app.StartAsync().GetAwaiter().GetResult();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Decodes Graph's "u!" + unpadded base64url share id back into the sharing URL.</summary>
    private (string Name, byte[] Content)? FindShare(string shareId)
    {
        if (!shareId.StartsWith("u!", StringComparison.Ordinal))
        {
            return null;
        }

        var base64 = shareId[2..].Replace('_', '/').Replace('-', '+');
        var url = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        return SharedFiles.TryGetValue(url, out var file) ? file : null;
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    private static IResult NotFound(string code) => Results.Text(ErrorBody(code), "application/json", statusCode: StatusCodes.Status404NotFound);

    private static Task Error(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(ErrorBody(code));
    }

    private static string ErrorBody(string code) => new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = code } }.ToJsonString();

    private sealed class StubCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(AccessToken, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
