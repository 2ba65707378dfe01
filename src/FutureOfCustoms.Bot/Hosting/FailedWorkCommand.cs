using System.Globalization;
using System.Text;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Hosting;

/// <summary>
/// For moderators: what the background queue holds, and the dead letters (work that kept failing, or a send
/// Teams never answered) with why, so someone can check by hand what the bot will not try again.
/// </summary>
internal sealed class FailedWorkCommand(IDurableWork work) : ICommandHandler
{
    public const string Verb = "work.failed";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var culture = context.Culture;
        var stats = await work.StatsAsync(cancellationToken);
        var dead = await work.DeadLettersAsync(cancellationToken);
        var text = new StringBuilder();
        text.AppendLine(string.Format(culture, Text(nameof(HostingStrings.Work_Summary), culture), stats.Waiting, stats.InHand, stats.OldestDueAt is { } due ? due.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", culture) : "-"));
        if (dead.Count == 0)
        {
            text.Append(Text(nameof(HostingStrings.Work_NoFailures), culture));
            return CommandReply.Text(text.ToString());
        }

        text.AppendLine(string.Format(culture, Text(nameof(HostingStrings.Work_FailuresHeading), culture), dead.Count));
        foreach (var item in dead.Take(20))
        {
            text.AppendLine(string.Format(culture, Text(nameof(HostingStrings.Work_FailureLine), culture), item.Kind, CardText.Escape(item.Key), item.Attempts, item.DeadAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", culture), CardText.Escape(item.LastError ?? string.Empty)));
        }

        return CommandReply.Text(text.ToString().TrimEnd());
    }

    private static string Text(string name, CultureInfo culture) => HostingStrings.ResourceManager.GetString(name, culture)!;
}
