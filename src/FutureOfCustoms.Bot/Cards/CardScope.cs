namespace FutureOfCustoms.Bot.Cards;

/// <summary>What <c>$root</c>, <c>$data</c> and <c>$index</c> mean at one point of a render; one per render.</summary>
internal sealed class CardScope(object? root)
{
    private object? _data = CardExpression.Unbound;

    public object? Root { get; } = root;

    /// <summary>The element's <c>$data</c>, or <c>$root</c> outside any binding (as in the official library).</summary>
    public object? Data
    {
        get => _data == CardExpression.Unbound ? Root : _data;
        set => _data = value;
    }

    /// <summary>The position in the array an element is repeated for; null outside a repetition.</summary>
    public int? Index { get; set; }

    public (object? Data, int? Index) Save() => (_data, Index);

    public void Restore((object? Data, int? Index) state) => (_data, Index) = state;
}
