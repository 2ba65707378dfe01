using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FutureOfCustoms.Bot.Tests.Storage;

/// <summary>Runs the durable queue's due work by hand, as the background service would, for tests without a host.</summary>
internal static class QueuedWork
{
    public static WorkQueueService Service(IServiceProvider services) => services.GetServices<IHostedService>().OfType<WorkQueueService>().Single();

    /// <summary>Runs due items until none is left; returns how many ran.</summary>
    public static async Task<int> DrainAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var service = Service(services);
        var ran = 0;
        while (await service.RunOnceAsync(cancellationToken))
        {
            ran++;
        }

        return ran;
    }
}
