using System.Reflection;
using System.Text.Json;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FutureOfCustoms.Bot.Hosting;

/// <summary>A feature's line in /healthz, e.g. the number of indexed documents or which Graph fallback is in use.</summary>
public interface IHealthFacet
{
    string Name { get; }

    Task<object?> DescribeAsync(CancellationToken cancellationToken);
}

/// <summary>
/// ASP.NET Core health checks. <c>/healthz</c> is liveness: the process answers (with its version, storage and
/// the features' facets), and it depends on nothing outside, so a storage outage never gets a replica restarted.
/// <c>/readyz</c> is readiness: the store answers a read, the knowledge index is built, the work queue is readable;
/// an unhealthy one answers 503 so the load balancer sends turns elsewhere.
/// </summary>
internal static class HealthEndpoints
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static string Version { get; } = typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), [Live])
            .AddCheck<StoreHealthCheck>("store", tags: [Ready])
            .AddCheck<IndexHealthCheck>("index", tags: [Ready])
            .AddCheck<WorkHealthCheck>("queue", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live), ResponseWriter = WriteLivenessAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteReadinessAsync });
        return endpoints;
    }

    private static async Task WriteLivenessAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status == HealthStatus.Healthy ? "ok" : report.Status.ToString(),
            ["version"] = Version,
            ["storage"] = services.GetRequiredService<IDocumentStore>().ProviderName,
        };
        foreach (var facet in services.GetServices<IHealthFacet>())
        {
            if (await facet.DescribeAsync(context.RequestAborted) is { } value)
            {
                body[facet.Name] = value;
            }
        }

        await context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
        => context.Response.WriteAsJsonAsync(
            new Dictionary<string, object?>
            {
                ["status"] = report.Status.ToString(),
                ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            },
            JsonSerializerOptions.Web,
            context.RequestAborted);

    /// <summary>The store answers a read (of a document that need not exist).</summary>
    private sealed class StoreHealthCheck(IDocumentStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.GetAsync<JsonElement>("health", "probe", "probe", cancellationToken);
                return HealthCheckResult.Healthy(store.ProviderName);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{store.ProviderName} did not answer a read: {ex.GetType().Name}");
            }
        }
    }

    /// <summary>The work queue is readable; dead letters make it Degraded (a moderator should look: `failed work`).</summary>
    private sealed class WorkHealthCheck(IDurableWork work) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var stats = await work.StatsAsync(cancellationToken);
                var description = $"waiting {stats.Waiting}, in hand {stats.InHand}, dead letters {stats.Dead}";
                return stats.Dead > 0 ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"the work queue could not be read: {ex.GetType().Name}");
            }
        }
    }

    /// <summary>Questions need the knowledge index: while it is first built the bot is up but degraded.</summary>
    private sealed class IndexHealthCheck(KnowledgeBase knowledge) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(knowledge.IsIndexed ? HealthCheckResult.Healthy("indexed") : HealthCheckResult.Degraded("the knowledge index is still being built"));
    }
}
