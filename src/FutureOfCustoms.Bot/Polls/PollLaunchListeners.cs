namespace FutureOfCustoms.Bot.Polls;

/// <summary>Told when a poll's card has been posted and the poll is open (e.g. the board's in-meeting notification).</summary>
internal interface IPollLaunchListener
{
    /// <summary>Runs after the launch is stored; a failure here is the listener's to log, the poll stays launched.</summary>
    Task LaunchedAsync(Poll poll, CancellationToken cancellationToken);
}
