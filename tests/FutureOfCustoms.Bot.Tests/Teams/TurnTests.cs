using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Teams;

public sealed class TurnTests : IAsyncDisposable
{
    private readonly RecordingCommand _recorder = new();
    private readonly TestBot _bot;

    public TurnTests()
    {
        _bot = new TestBot(services => services
            .AddSingleton(_recorder)
            .AddCommand<RecordingCommand.Handler>("test.record", null, null));
    }

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Help_in_a_personal_chat_answers_a_card_of_member_commands()
    {
        var replies = await _bot.SendTextAsync("help");

        var commands = CommandTitles(replies.Card());
        Assert.Contains("help", commands);
        Assert.DoesNotContain("status", commands);
        Assert.DoesNotContain("For moderators", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_for_a_moderator_lists_moderator_commands_too()
    {
        var replies = await _bot.SendTextAsync("help", TestBot.ModeratorAadId);

        Assert.Contains("For moderators", replies.Card().AllText(), StringComparison.Ordinal);
        Assert.Contains("status", CommandTitles(replies.Card()));
    }

    [Theory]
    [InlineData(ConversationKind.Channel)]
    [InlineData(ConversationKind.GroupChat)]
    public async Task The_bot_mention_is_removed_before_the_command_is_read(ConversationKind kind)
    {
        var replies = await _bot.SendTextAsync("HeLp", kind: kind);

        Assert.Contains("help", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_text_recipient_or_entities_is_handled_without_error()
    {
        var activity = _bot.NewActivity(ActivityTypes.Message, TestBot.MemberAadId, ConversationKind.Channel);
        activity.Text = null;
        activity.Recipient = null;
        activity.Entities = null;

        var replies = await _bot.RunAsync(activity);

        Assert.DoesNotContain("went wrong", replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_no_command_is_taken_as_a_question()
    {
        var replies = await _bot.SendTextAsync("What are the building blocks of C21?");

        Assert.Contains("From the group's documents", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_command_from_a_member_is_refused_politely()
    {
        var replies = await _bot.SendTextAsync("status");

        Assert.Contains("only the group's moderators", replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_command_from_a_moderator_runs()
    {
        await _bot.AddToTeamAsync();

        var replies = await _bot.SendTextAsync("status", TestBot.ModeratorAadId);

        Assert.Contains(TestBot.ChannelConversationId, replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_execute_and_action_submit_reach_the_same_handler_by_verb()
    {
        await _bot.ExecuteAsync("test.record", new JsonObject { ["answer"] = "from execute" });
        await _bot.SubmitAsync(new JsonObject { ["verb"] = "test.record", ["answer"] = "from submit" });

        Assert.Equal(["Execute:from execute", "Submit:from submit"], _recorder.Calls);
    }

    [Fact]
    public async Task An_execute_answer_is_the_invoke_response()
    {
        var replies = await _bot.ExecuteAsync("test.record", new JsonObject { ["answer"] = "x" });

        var response = replies.InvokeResponse();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("recorded", response.Value?.ToString());
    }

    [Fact]
    public async Task An_unknown_card_verb_is_refused_with_a_message_and_nothing_runs()
    {
        var replies = await _bot.SubmitAsync(new JsonObject { ["verb"] = "does.not.exist" });

        Assert.Contains("didn't recognise that card action", replies.Texts(), StringComparison.Ordinal);
        Assert.Empty(_recorder.Calls);
    }

    [Fact]
    public async Task A_card_payload_that_is_not_an_object_is_refused()
    {
        var activity = _bot.NewActivity(ActivityTypes.Message, TestBot.MemberAadId, ConversationKind.Personal);
        activity.Value = "test.record";

        var replies = await _bot.RunAsync(activity);

        Assert.Contains("didn't recognise that card action", replies.Texts(), StringComparison.Ordinal);
        Assert.Empty(_recorder.Calls);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_team_posts_one_welcome_card_in_the_channel()
    {
        var first = await _bot.AddToTeamAsync();
        var second = await _bot.AddToTeamAsync();

        Assert.Contains("Welcome", first.Card().AllText(), StringComparison.Ordinal);
        Assert.Empty(second.Messages());
    }

    [Fact]
    public async Task Installing_the_bot_for_oneself_welcomes_in_the_personal_chat()
    {
        var replies = await _bot.InstallPersonalAsync();

        Assert.Contains("Welcome", replies.Card().AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_client_gets_french_answers()
    {
        var replies = await _bot.SendTextAsync("status", locale: "fr-FR");

        Assert.Contains("seuls les modérateurs", replies.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversations_are_remembered_for_proactive_messages()
    {
        await _bot.AddToTeamAsync();
        await _bot.SendTextAsync("help");

        var known = await _bot.Get<IConversationDirectory>().ListAsync(CancellationToken.None);

        Assert.Contains(known, c => c.Conversation.Kind == ConversationKind.Channel && c.Conversation.TeamId == TestBot.TeamId);
        Assert.Contains(known, c => c.Conversation.Kind == ConversationKind.Personal);
    }

    [Fact]
    public async Task Conversation_references_survive_a_restart()
    {
        await _bot.AddToTeamAsync();
        await using var restarted = new TestBot(dataDirectory: _bot.DataDirectory);

        var known = await restarted.Get<IConversationDirectory>().FindAsync($"{TestBot.ChannelConversationId};messageid=1", CancellationToken.None);

        Assert.NotNull(known);
        Assert.True(known.Installed);
    }

    /// <summary>The command names a help card lists (its FactSet titles).</summary>
    private static List<string> CommandTitles(JsonObject card)
        => [.. card.AllFacts().Select(f => f.Title)];

    private sealed class RecordingCommand
    {
        public List<string> Calls { get; } = [];

        public sealed class Handler(RecordingCommand recorder) : ICommandHandler
        {
            public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
            {
                recorder.Calls.Add($"{context.Source}:{context.Data.GetString("answer")}");
                return Task.FromResult(CommandReply.Text("recorded"));
            }
        }
    }
}
