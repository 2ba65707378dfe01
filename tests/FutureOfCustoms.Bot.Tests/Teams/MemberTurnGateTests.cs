using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Teams;

/// <summary>One member's turns run one at a time through the real host; other members are never held up by them.</summary>
public sealed class MemberTurnGateTests
{
    [Fact]
    public async Task A_member_with_a_turn_in_progress_and_none_allowed_to_wait_is_told_to_wait_while_another_member_is_answered()
    {
        var held = new HeldCommand();
        using var factory = new BotApplicationFactory(new Dictionary<string, string?> { ["RateLimits:QueuedTurnsPerMember"] = "0" })
            .WithServices(s => s.AddSingleton(held).AddCommand<HeldCommand>("hold", "hold", null));
        var first = factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("hold"));
        await held.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var (_, second) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("help"));
        var (_, other) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("help", TestBot.OtherMemberAadId));
        held.Release.SetResult();
        var (_, firstReplies) = await first;

        Assert.Contains("Wait 5 seconds", second.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Wait", other.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("held and done", firstReplies.ToJsonString(), StringComparison.Ordinal);
    }

    private sealed class HeldCommand : ICommandHandler
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
            return CommandReply.Text("held and done");
        }
    }
}
