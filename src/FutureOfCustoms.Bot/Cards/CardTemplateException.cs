namespace FutureOfCustoms.Bot.Cards;

/// <summary>A card template that cannot be loaded, or cannot be rendered with the data given.</summary>
internal sealed class CardTemplateException : Exception
{
    public CardTemplateException()
    {
    }

    public CardTemplateException(string message)
        : base(message)
    {
    }

    public CardTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
