namespace FutureOfCustoms.Bot.Commands;

/// <summary>Receives free text while no knowledge base is registered, and says so plainly.</summary>
internal sealed class UnavailableQuestionCommand : ICommandHandler
{
    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        => Task.FromResult(CommandReply.Text(CommandStrings.Ask_Unavailable));
}
