using System.Net;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Teams;

/// <summary>Bot:AllowedTenants through the real host: a stranger's organisation gets a polite no and leaves no trace.</summary>
public sealed class TenantTests
{
    private const string ForeignTenant = "tenant-elsewhere";

    [Fact]
    public async Task A_message_from_a_foreign_tenant_gets_a_polite_refusal_and_nothing_is_stored()
    {
        using var factory = Allowing(TestBot.TenantId);

        var (response, activities) = await factory.PostActivityAsync(FromTenant(BotApplicationFactory.TeamsMessage("suggest A single window for transit"), ForeignTenant));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(activities);
        Assert.Contains("serves the WCO Virtual Working Group", reply!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await factory.Services.GetRequiredService<IConversationDirectory>().ListAsync(CancellationToken.None));
        Assert.Empty(await factory.Services.GetRequiredService<SuggestionRepository>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_card_action_from_a_foreign_tenant_is_answered_with_the_refusal_and_changes_nothing()
    {
        using var factory = Allowing(TestBot.TenantId);
        var action = FromTenant(BotApplicationFactory.TeamsMessage(string.Empty), ForeignTenant);
        action["type"] = "invoke";
        action["name"] = "adaptiveCard/action";
        action["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "poll.vote", ["data"] = new JsonObject { ["pollId"] = "p1", ["choices"] = "1" } }, ["trigger"] = "manual" };

        var (response, activities) = await factory.PostActivityAsync(action);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("serves the WCO Virtual Working Group", activities.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await factory.Services.GetRequiredService<IConversationDirectory>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_install_from_a_foreign_tenant_is_not_remembered_and_gets_no_welcome()
    {
        using var factory = Allowing(TestBot.TenantId);
        var install = FromTenant(BotApplicationFactory.TeamsMessage(string.Empty), ForeignTenant);
        install["type"] = "installationUpdate";
        install["action"] = "add";

        var (_, activities) = await factory.PostActivityAsync(install);

        Assert.Empty(activities);
        Assert.Empty(await factory.Services.GetRequiredService<IConversationDirectory>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_from_an_allowed_tenant_is_answered_as_usual()
    {
        using var factory = Allowing("11111111-0000-0000-0000-000000000000", TestBot.TenantId);

        var (_, activities) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("help"));

        Assert.DoesNotContain(activities, a => a?["text"]?.GetValue<string>()?.Contains("serves the WCO", StringComparison.Ordinal) == true);
        Assert.Single(await factory.Services.GetRequiredService<IConversationDirectory>().ListAsync(CancellationToken.None));
    }

    private static BotApplicationFactory Allowing(params string[] tenants)
        => new(tenants.Select((t, i) => KeyValuePair.Create($"Bot:AllowedTenants:{i}", (string?)t)).ToDictionary());

    private static JsonObject FromTenant(JsonObject activity, string tenant)
    {
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"]!["tenant"]!["id"] = tenant;
        return activity;
    }
}
