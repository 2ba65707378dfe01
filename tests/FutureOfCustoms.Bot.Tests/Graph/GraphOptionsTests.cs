using FutureOfCustoms.Bot.Graph;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Tests.Graph;

public sealed class GraphOptionsTests
{
    private const string ClientId = "11111111-1111-1111-1111-111111111111";

    public static TheoryData<GraphOptions, string> BadSettings => new()
    {
        { new GraphOptions { ClientId = ClientId, ClientSecret = "s" }, "Graph:TenantId is required with Graph:ClientId" },
        { new GraphOptions { ClientId = ClientId, TenantId = "contoso.onmicrosoft.com" }, "Graph:ClientId needs exactly one of Graph:ClientSecret, Graph:CertificatePath or Graph:CertificateThumbprint" },
        { new GraphOptions { ClientId = ClientId, TenantId = "t", ClientSecret = "s", CertificateThumbprint = "AB12" }, "needs exactly one of" },
        { new GraphOptions { ClientId = ClientId, TenantId = "t", CertificatePath = "/nowhere/app.pfx" }, "Graph:CertificatePath '/nowhere/app.pfx' does not exist" },
        { new GraphOptions { TenantId = "contoso.onmicrosoft.com", ClientSecret = "s" }, "Graph:ClientId is missing" },
        { new GraphOptions { UseManagedIdentity = true, ClientSecret = "s" }, "a managed identity has no secret" },
        { new GraphOptions { BaseUrl = "http://graph.example.org/v1.0" }, "Graph:BaseUrl must be an absolute https URL" },
        { new GraphOptions { OwnerCacheDuration = TimeSpan.Zero }, "Graph:OwnerCacheDuration must be between" },
        { new GraphOptions { MaxFileSizeMegabytes = 0 }, "Graph:MaxFileSizeMegabytes must be between 1 and 250" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_graph_settings_are_refused_with_a_clear_message(GraphOptions options, string expected)
    {
        var result = new GraphOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void No_graph_settings_are_valid_and_leave_graph_off()
    {
        var options = new GraphOptions();

        var result = new GraphOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded);
        Assert.False(options.Enabled);
    }

    [Fact]
    public void A_managed_identity_alone_turns_graph_on()
    {
        var options = new GraphOptions { UseManagedIdentity = true };

        var result = new GraphOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded);
        Assert.True(options.Enabled);
    }

    [Fact]
    public void A_half_configured_graph_stops_the_start()
    {
        using var factory = new BotApplicationFactory(new Dictionary<string, string?> { ["Graph:ClientId"] = ClientId });

        var start = Record.Exception(() => factory.CreateClient());

        var error = Assert.IsType<OptionsValidationException>(start);
        Assert.Contains("Graph:TenantId is required", error.Message, StringComparison.Ordinal);
    }
}
