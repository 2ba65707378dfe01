using FutureOfCustoms.Bot.Hosting;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>/healthz says which Graph features are on and which fall back, so a missing setting is visible.</summary>
internal sealed class GraphHealthFacet(GraphConnection graph) : IHealthFacet
{
    public string Name => "graph";

    public Task<object?> DescribeAsync(CancellationToken cancellationToken)
    {
        var on = graph.Enabled;
        return Task.FromResult<object?>(new Dictionary<string, object>
        {
            ["enabled"] = on,
            ["moderators"] = on ? "configured and team owners" : "configured only (fallback)",
            ["administration"] = on ? "pre-filled from the member's profile" : "asked from the member (fallback)",
            ["indexSharedFiles"] = on ? "from links shared in Teams" : "command line only (fallback)",
        });
    }
}
