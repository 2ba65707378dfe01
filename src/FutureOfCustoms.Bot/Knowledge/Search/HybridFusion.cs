namespace FutureOfCustoms.Bot.Knowledge.Search;

/// <summary>A candidate of one side of the search: keyword (BM25) or vector (cosine).</summary>
internal readonly record struct RankedCandidate(string Id, double Score);

/// <summary>A passage after fusion, with what each side said of it (ranks from 1; 0: not in that side's list).</summary>
internal readonly record struct FusedCandidate(string Id, double Score, int KeywordRank, int VectorRank, double Cosine);

/// <summary>Blends the keyword and the vector lists the same way for both providers, so they answer alike: half the
/// BM25 score divided by the best one, half the cosine min-max scaled over the vector list. Measured before this
/// project on unseen questions, this blend beat reciprocal rank fusion (k = 60) by about 8 points of top-1.</summary>
internal static class HybridFusion
{
    /// <summary>How many candidates each side contributes.</summary>
    public const int PoolSize = 30;

    public const double KeywordWeight = 0.5;

    public static IReadOnlyList<FusedCandidate> Fuse(IReadOnlyList<RankedCandidate> keyword, IReadOnlyList<RankedCandidate> vector)
    {
        var keywordTop = keyword.Take(PoolSize).ToList();
        var vectorTop = vector.Take(PoolSize).ToList();
        var maxKeyword = keywordTop.Count > 0 ? keywordTop.Max(c => c.Score) : 0;
        var maxCosine = vectorTop.Count > 0 ? vectorTop.Max(c => c.Score) : 0;
        var minCosine = vectorTop.Count > 0 ? vectorTop.Min(c => c.Score) : 0;
        var fused = new Dictionary<string, FusedCandidate>(StringComparer.Ordinal);
        for (var i = 0; i < keywordTop.Count; i++)
        {
            var c = keywordTop[i];
            var score = maxKeyword > 0 ? KeywordWeight * c.Score / maxKeyword : 0;
            fused[c.Id] = new FusedCandidate(c.Id, score, i + 1, 0, double.NaN);
        }

        for (var i = 0; i < vectorTop.Count; i++)
        {
            var c = vectorTop[i];
            var scaled = maxCosine > minCosine ? (c.Score - minCosine) / (maxCosine - minCosine) : 1;
            var share = (1 - KeywordWeight) * scaled;
            fused[c.Id] = fused.TryGetValue(c.Id, out var known)
                ? known with { Score = known.Score + share, VectorRank = i + 1, Cosine = c.Score }
                : new FusedCandidate(c.Id, share, 0, i + 1, c.Score);
        }

        return [.. fused.Values.OrderByDescending(c => c.Score).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }
}
