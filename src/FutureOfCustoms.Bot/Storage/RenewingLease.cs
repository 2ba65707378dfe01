namespace FutureOfCustoms.Bot.Storage;

/// <summary>
/// The part both lease providers share: renew at half-time in the background, retry a failed renewal
/// quickly while the lease is still valid, signal <see cref="Lost"/> when it cannot be kept, and release
/// on dispose. The provider supplies the two storage calls.
/// </summary>
internal sealed partial class RenewingLease : IWorkLease
{
    private readonly TimeSpan _duration;
    private readonly Func<CancellationToken, Task<bool>> _renew;
    private readonly Func<Task> _release;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewals;
    private int _disposed;

    /// <param name="renew">Extends the lease; false when it is no longer ours.</param>
    public RenewingLease(string name, TimeSpan duration, Func<CancellationToken, Task<bool>> renew, Func<Task> release, TimeProvider time, ILogger logger)
    {
        Name = name;
        _duration = duration;
        _renew = renew;
        _release = release;
        _time = time;
        _logger = logger;
        _renewals = Task.Run(RenewAsync);
    }

    public string Name { get; }

    public CancellationToken Lost => _lost.Token;

    public static void CheckArguments(string name, TimeSpan duration)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            throw new ArgumentException($"'{name}' is not a valid lease name (1-200 characters, no control characters).", nameof(name));
        }

        if (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A work lease lasts 15 to 60 seconds (it is renewed while held).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _renewals;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _release();
            }
#pragma warning disable CA1031 // Releasing is a courtesy: an unreleased lease expires on its own.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogReleaseFailed(_logger, e, Name);
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync()
    {
        var validUntil = _time.GetUtcNow() + _duration;
        var wait = _duration / 2;
        try
        {
            while (true)
            {
                await Task.Delay(wait, _time, _stop.Token);
                try
                {
                    if (!await _renew(_stop.Token))
                    {
                        LogLost(_logger, Name);
                        await _lost.CancelAsync();
                        return;
                    }

                    validUntil = _time.GetUtcNow() + _duration;
                    wait = _duration / 2;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (_time.GetUtcNow() + (_duration / 10) >= validUntil)
                    {
                        LogLost(_logger, Name);
                        await _lost.CancelAsync();
                        return;
                    }

                    LogRenewalFailed(_logger, e, Name);
                    wait = _duration / 10;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the release follows.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the work lease {Name} failed; retrying while it is still valid")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The work lease {Name} was lost; its work stops")]
    private static partial void LogLost(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Releasing the work lease {Name} failed; it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string name);
}
