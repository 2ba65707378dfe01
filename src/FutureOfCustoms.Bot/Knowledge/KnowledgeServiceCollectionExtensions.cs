using Azure.Search.Documents;
using FutureOfCustoms.Bot.Knowledge.Embeddings;
using FutureOfCustoms.Bot.Knowledge.Search;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Knowledge;

internal static class KnowledgeServiceCollectionExtensions
{
    internal static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SearchOptions>, SearchOptionsValidator>();
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.SectionName));
        services.AddSingleton(sp => Synonyms.Load(KnowledgeOptions.Resolve(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.SynonymsPath)));
        services.AddSingleton(sp => FrenchQuery.Load(KnowledgeOptions.Resolve(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.GlossaryPath)));
        services.AddSingleton<KnowledgeCorpus>();
        services.AddKnowledgeEmbeddings();
        services.AddSingleton<IKnowledgeIndex>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SearchOptions>>().Value;
            var synonyms = sp.GetRequiredService<Synonyms>();
            var embeddings = sp.GetRequiredService<KnowledgeEmbeddings>();
            return options.Provider switch
            {
                // SearchClientOptions is optional: registered only to replace the SDK's transport or retries.
                SearchProvider.AzureAISearch => AzureSearchKnowledgeIndex.Create(options.AzureAISearch, synonyms, embeddings, sp.GetService<SearchClientOptions>()),
                _ => LuceneKnowledgeIndex.OpenFolder(DataPath.Resolve(sp.GetRequiredService<IHostEnvironment>(), options.Embedded.IndexPath), synonyms, embeddings),
            };
        });
        services.AddSingleton<AnswerSentences>();
        services.AddSingleton<KnowledgeBase>();
        services.AddHostedService<KnowledgeIndexingService>();
        services.AddKnowledgeConversations();
        return services;
    }
}
