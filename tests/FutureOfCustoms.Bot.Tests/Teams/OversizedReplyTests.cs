using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Teams;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Teams;

public sealed class OversizedReplyTests
{
    private const int TeamsMessageLimit = 100 * 1024;
    private const int TeamsCardLimit = 28 * 1024;

    [Fact]
    public async Task A_card_over_28_KB_is_replaced_by_a_short_text_saying_the_result_was_too_large()
    {
        await using var bot = new TestBot(Huge);

        var replies = await bot.SendTextAsync("hugecard");

        var reply = Assert.Single(replies);
        Assert.True(reply.Attachments is null or { Count: 0 });
        Assert.Equal(TeamsStrings.ReplyTooLarge, reply.Text);
        Assert.True(OutgoingSizeGuard.SizeOf(reply) < TeamsMessageLimit);
    }

    [Fact]
    public async Task A_card_just_under_the_limit_is_sent_unchanged()
    {
        await using var bot = new TestBot(Huge);

        var replies = await bot.SendTextAsync("hugecard 20000");

        var card = replies.Card();
        Assert.InRange(OutgoingSizeGuard.SizeOf(Assert.Single(Assert.Single(replies).Attachments).Content), 20_000, TeamsCardLimit);
        Assert.Contains("xxxx", card.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_card_in_an_invoke_response_becomes_a_message_for_the_one_who_acted()
    {
        await using var bot = new TestBot(Huge);

        var replies = await bot.ExecuteAsync("hugeupdate");

        var response = replies.InvokeResponse();
        Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
        Assert.Equal(TeamsStrings.ReplyTooLarge, response.Value);
    }

    [Fact]
    public async Task A_text_over_100_KB_is_cut_below_the_limit_with_a_note()
    {
        await using var bot = new TestBot(Huge);

        var replies = await bot.SendTextAsync("hugetext");

        var reply = Assert.Single(replies);
        Assert.True(OutgoingSizeGuard.SizeOf(reply) < TeamsMessageLimit, $"{OutgoingSizeGuard.SizeOf(reply)} bytes");
        Assert.StartsWith("é\"é\"", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith(TeamsStrings.ReplyTruncated, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_http_the_replacement_is_in_the_members_language_and_the_response_stays_under_the_limit()
    {
        using var factory = new BotApplicationFactory().WithServices(Huge);
        var message = BotApplicationFactory.TeamsMessage("hugecard");
        message["locale"] = "fr-FR";

        var (response, activities) = await factory.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(activities)!;
        Assert.True(Encoding.UTF8.GetByteCount(sent.ToJsonString()) < TeamsMessageLimit);
        Assert.Null(sent["attachments"]);
        Assert.Equal(TeamsStrings.ResourceManager.GetString(nameof(TeamsStrings.ReplyTooLarge), System.Globalization.CultureInfo.GetCultureInfo("fr")), sent["text"]!.GetValue<string>());
    }

    private static void Huge(IServiceCollection services)
    {
        services.AddCommand<HugeCardCommand>(new CommandDefinition { Verb = "hugecard", Handler = typeof(HugeCardCommand), Text = "hugecard", Arguments = "^\\d*$" });
        services.AddCommand<HugeCardCommand>("hugeupdate", null, null);
        services.AddCommand<HugeCardCommand>("hugetext", "hugetext", null);
    }

    private sealed class HugeCardCommand : ICommandHandler
    {
        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            var size = int.TryParse(context.Arguments, out var requested) ? requested : 60_000;
            return Task.FromResult(context.Verb switch
            {
                // Quotes and accents cost more once serialized: the cut must count escaped bytes.
                "hugetext" => CommandReply.Text(string.Concat(Enumerable.Repeat("é\"", 150_000))),
                "hugeupdate" => CommandReply.Update(CardOf(size)),
                _ => CommandReply.Card(CardOf(size), "summary"),
            });
        }

        private static JsonObject CardOf(int size) => new()
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', size), ["wrap"] = true }),
        };
    }
}
