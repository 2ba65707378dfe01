using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Knowledge;

namespace FutureOfCustoms.Bot.Suggestions;

internal static class SuggestionsServiceCollectionExtensions
{
    internal static IServiceCollection AddSuggestions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SuggestionsOptions>()
            .Bind(configuration.GetSection(SuggestionsOptions.SectionName))
            .Validate(o => o.SimilarityThreshold is > 0 and <= 1, "Suggestions:SimilarityThreshold must be a share between 0 (excluded) and 1, e.g. 0.6.")
            .Validate(o => o.PageSize is >= 1 and <= 20, "Suggestions:PageSize must be between 1 and 20 (a card holds about 20 entries).")
            .ValidateOnStart();
        services.AddSingleton<SuggestionRepository>();
        services.AddSingleton<SuggestionCatalogue>();
        services.AddSingleton<SuggestionSimilarity>();
        services.AddSingleton<SuggestionIndex>();
        services.AddSingleton<ICatalogueTopicSource>(sp => sp.GetRequiredService<SuggestionIndex>());
        services.AddSingleton<IDigestSource, SuggestionDigestSource>();
        services.AddSingleton<SuggestionCards>();
        services.AddSingleton<SuggestionWorkflow>();

        services.AddCommand<SuggestCommand>("suggest", "suggest", () => SuggestionsStrings.Suggest_Description);
        services.AddCommand<SubmitSuggestionCommand>("suggestions.submit", null, null);
        services.AddCommand<CancelSuggestionCommand>("suggestions.cancel", null, null);
        services.AddCommand<EditSuggestionCommand>("suggestions.edit", null, null);
        services.AddCommand<WithdrawSuggestionCommand>("suggestions.withdraw", null, null);
        services.AddCommand<OpenSuggestionCommand>("suggestions.open", null, null);
        services.AddCommand<SuggestionListCommand>("suggestions", "suggestions", () => SuggestionsStrings.List_Description);
        services.AddCommand<SuggestionListCommand>("suggestions.list", null, null);
        services.AddCommand<SuggestionReviewCommand>(SuggestionReviewCommand.AcceptVerb, null, null, moderatorOnly: true);
        services.AddCommand<SuggestionReviewCommand>(SuggestionReviewCommand.MergeVerb, null, null, moderatorOnly: true);
        services.AddCommand<SuggestionReviewCommand>(SuggestionReviewCommand.DeclineVerb, null, null, moderatorOnly: true);
        services.AddCommand<SuggestionExportCommand>("export.suggestions", "export suggestions", () => SuggestionsStrings.Export_Description, moderatorOnly: true);
        return services;
    }
}
