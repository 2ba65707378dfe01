using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace FutureOfCustoms.Bot.Knowledge.Embeddings;

internal static class EmbeddingServiceCollectionExtensions
{
    /// <summary>The embedding model chosen by Search:Embeddings:Provider, behind IEmbeddingGenerator.</summary>
    internal static IServiceCollection AddKnowledgeEmbeddings(this IServiceCollection services)
    {
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SearchOptions>>().Value.Embeddings;
            return options.Provider switch
            {
                // Azure OpenAI's v1 endpoint speaks the OpenAI protocol, so the OpenAI client serves it.
                EmbeddingProvider.AzureOpenAI => new OpenAIClient(new ApiKeyCredential(options.ApiKey!), new OpenAIClientOptions { Endpoint = options.Endpoint })
                    .GetEmbeddingClient(options.Deployment).AsIEmbeddingGenerator(options.Dimensions),
                _ => new ArcticXsEmbeddingGenerator(),
            };
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SearchOptions>>().Value.Embeddings;
            var prefix = options.Provider == EmbeddingProvider.ArcticXs ? ArcticXsEmbeddingGenerator.QueryPrefix : string.Empty;
            return new KnowledgeEmbeddings(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), prefix);
        });
        return services;
    }
}
