using System.Text;

namespace FutureOfCustoms.Bot.Storage;

/// <summary>The key range a prefix stands for, for stores that read ranges of sorted keys.</summary>
internal static class KeyPrefix
{
    /// <summary>
    /// The least key above every key that starts with <paramref name="prefix"/>, in code point order (the UTF-8
    /// byte order SQLite compares, and ordinal order for the ASCII keys of Azure Tables): the prefix cut after its
    /// last character below U+10FFFF, that character raised by one. Null when nothing is above it (an empty prefix).
    /// </summary>
    public static string? End(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var runes = new List<Rune>(prefix.Length);
        for (var i = 0; i < prefix.Length;)
        {
            if (Rune.DecodeFromUtf16(prefix.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException("A key prefix must be well-formed UTF-16 (no lone surrogates).", nameof(prefix));
            }

            runes.Add(rune);
            i += length;
        }

        for (var i = runes.Count - 1; i >= 0; i--)
        {
            if (runes[i].Value < 0x10FFFF)
            {
                // Surrogate code points are no characters: the one after U+D7FF is U+E000.
                var next = runes[i].Value == 0xD7FF ? new Rune(0xE000) : new Rune(runes[i].Value + 1);
                return string.Concat(runes.Take(i).Select(r => r.ToString())) + next;
            }
        }

        return null;
    }
}
