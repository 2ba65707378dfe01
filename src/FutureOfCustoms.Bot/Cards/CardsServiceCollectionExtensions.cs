using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Cards;

internal static class CardsServiceCollectionExtensions
{
    internal static IServiceCollection AddCards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CardOptions>()
            .Bind(configuration.GetSection(CardOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CardOptions>, CardOptionsValidator>();
        services.AddSingleton<ICardRenderer, CardRenderer>();
        return services;
    }

    /// <summary>A broken template should stop the deployment at start, not fail a user's turn later.</summary>
    private sealed class CardOptionsValidator : IValidateOptions<CardOptions>
    {
        public ValidateOptionsResult Validate(string? name, CardOptions options)
        {
            try
            {
                _ = CardRenderer.LoadTemplates(options.ResolvedTemplatePath);
                return ValidateOptionsResult.Success;
            }
            catch (CardTemplateException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
