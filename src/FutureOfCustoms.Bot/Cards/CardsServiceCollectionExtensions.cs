namespace FutureOfCustoms.Bot.Cards;

// Placeholder until the cards branch merges: replaced by that branch's file.
internal static class CardsServiceCollectionExtensions
{
    public static IServiceCollection AddCards(this IServiceCollection services, IConfiguration configuration) => services;
}
