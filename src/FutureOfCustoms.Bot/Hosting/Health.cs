using System.Reflection;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Hosting;

/// <summary>A feature's line in /healthz, e.g. the number of indexed documents or which Graph fallback is in use.</summary>
public interface IHealthFacet
{
    string Name { get; }

    Task<object?> DescribeAsync(CancellationToken cancellationToken);
}

internal static class HealthEndpoints
{
    public static string Version { get; } = typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", async (IDocumentStore store, IEnumerable<IHealthFacet> facets, CancellationToken cancellationToken) =>
        {
            var body = new Dictionary<string, object?>
            {
                ["status"] = "ok",
                ["version"] = Version,
                ["storage"] = store.ProviderName,
            };
            foreach (var facet in facets)
            {
                if (await facet.DescribeAsync(cancellationToken) is { } value)
                {
                    body[facet.Name] = value;
                }
            }

            return Results.Json(body);
        });
        return endpoints;
    }
}
