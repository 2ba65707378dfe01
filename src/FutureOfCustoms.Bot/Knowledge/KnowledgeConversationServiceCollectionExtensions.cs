using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Knowledge.Answers;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Knowledge.Structured;

namespace FutureOfCustoms.Bot.Knowledge;

internal static class KnowledgeConversationServiceCollectionExtensions
{
    /// <summary>The knowledge base in Teams: questions and answers, the catalogue commands, the message extension's search,
    /// the digest section and the /healthz line.</summary>
    internal static IServiceCollection AddKnowledgeConversations(this IServiceCollection services)
    {
        services.AddSingleton<QuestionLog>();
        services.AddSingleton<AddedDocumentLog>();
        services.AddSingleton<AnswerCards>();
        services.AddSingleton<StructuredAnswerCards>();
        services.AddSingleton<StructuredAnswers>();
        services.AddSingleton<PassageSearch>();
        services.AddSingleton<IDigestSource, KnowledgeDigestSource>();
        services.AddSingleton<IHealthFacet, IndexedPassagesHealthFacet>();

        services.AddCommand<AskCommand>(new CommandDefinition
        {
            Verb = "ask",
            Handler = typeof(AskCommand),
            Text = "ask",
            Usage = "<question>",
            Arguments = CommandDefinition.AnyText,
            Description = () => KnowledgeStrings.Ask_Description,
            IsFallback = true,
        });
        services.AddCommand<FeedbackCommand>("knowledge.feedback", null, null);
        services.AddCommand<SectionCommand>("knowledge.section", null, null);
        services.AddCommand<CatalogueCommand>(CatalogueCommand.BlocksVerb, "blocks", () => KnowledgeStrings.Blocks_Description);
        services.AddCommand<BlockCommand>(new CommandDefinition
        {
            Verb = BlockCommand.Verb,
            Handler = typeof(BlockCommand),
            Text = "block",
            Usage = "<a-j>",
            Arguments = BlockCommand.LetterPattern,
            Description = () => KnowledgeStrings.Block_Description,
        });
        services.AddCommand<CatalogueCommand>(CatalogueCommand.TopicsVerb, "topics", () => KnowledgeStrings.Topics_Description);
        services.AddCommand<CatalogueCommand>(CatalogueCommand.PapersVerb, "papers", () => KnowledgeStrings.Papers_Description);
        services.AddCommand<CatalogueCommand>(CatalogueCommand.QuestionsVerb, "questions", () => KnowledgeStrings.Questions_Description);
        return services;
    }
}
