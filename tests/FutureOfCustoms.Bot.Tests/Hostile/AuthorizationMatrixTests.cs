using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Xunit.Abstractions;

namespace FutureOfCustoms.Bot.Tests.Hostile;

/// <summary>
/// Every moderator verb of the routing table, tried by a member in every way a member can reach it. The verbs
/// come from the catalogue, so a feature's moderator actions are covered as soon as they are registered.
/// The second half, a member's action on another member's data, is <see cref="MemberDataMatrixTests"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_moderator_action_tried_by_a_member_is_refused_politely_and_changes_nothing()
    {
        await using var bot = new TestBot();
        await bot.Get<IDocumentStore>().UpsertAsync("authorization-seed", "p", "item", new { owner = TestBot.OtherMemberAadId });
        var catalog = bot.Get<CommandCatalog>();
        var moderatorVerbs = catalog.All.Where(d => d.ModeratorOnly).ToList();
        var before = StoreSnapshot.Take(bot.DataDirectory);
        var failures = new List<string>();
        var tried = 0;

        foreach (var definition in moderatorVerbs)
        {
            var data = new JsonObject { ["id"] = "forged-id", ["text"] = "Member's attempt" };
            var attempts = new List<(string How, Func<Task<string>> Send)>
            {
                ("Action.Execute", async () => (await bot.ExecuteAsync(definition.Verb, data.DeepClone().AsObject())).InvokeResponse().Value?.ToString() ?? string.Empty),
                ("Action.Submit", async () => (await bot.SubmitAsync(With(data, definition.Verb))).Texts()),
                ("Action.Submit in a channel", async () => (await bot.SubmitAsync(With(data, definition.Verb), kind: ConversationKind.Channel)).Texts()),
            };
            if (definition.Text is { } text)
            {
                // A command whose arguments do not fit is a question, which is not this verb: only the bare words count.
                if (catalog.MatchText(text).Definition == definition)
                {
                    attempts.Add(("text", async () => (await bot.SendTextAsync(text)).Texts()));
                    attempts.Add(("text in a channel", async () => (await bot.SendTextAsync(text, kind: ConversationKind.Channel)).Texts()));
                }
                else
                {
                    output.WriteLine($"{definition.Verb}: text '{text}' needs arguments ({definition.Arguments}); its text form is not tried here");
                }
            }

            foreach (var (how, send) in attempts)
            {
                tried++;
                var answer = await send();
                if (answer != CommandStrings.ModeratorOnly)
                {
                    failures.Add($"{definition.Verb} by {how}: answered '{answer}'");
                }
            }
        }

        output.WriteLine($"{moderatorVerbs.Count} moderator verbs ({string.Join(", ", moderatorVerbs.Select(d => d.Verb))}), {tried} member attempts");
        var afterMembers = StoreSnapshot.Take(bot.DataDirectory);

        // The same actions by the configured moderator are let through (they may write): the refusal is about who, not what.
        foreach (var definition in moderatorVerbs)
        {
            var asModerator = await bot.ExecuteAsync(definition.Verb, new JsonObject { ["id"] = "forged-id", ["text"] = "Moderator's attempt" }, TestBot.ModeratorAadId);
            if (asModerator.InvokeResponse().Value?.ToString() == CommandStrings.ModeratorOnly)
            {
                failures.Add($"{definition.Verb}: refused to the moderator too");
            }
        }

        Assert.Contains(moderatorVerbs, d => d.Verb == "status");
        Assert.Empty(failures);
        Assert.Equal(before, afterMembers);
    }

    private static JsonObject With(JsonObject data, string verb)
    {
        var copy = data.DeepClone().AsObject();
        copy[CommandRouter.VerbField] = verb;
        return copy;
    }
}
