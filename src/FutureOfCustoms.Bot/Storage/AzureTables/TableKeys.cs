using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FutureOfCustoms.Bot.Storage.AzureTables;

/// <summary>
/// Maps the store's free-form names onto what Azure Tables accepts. Keys forbid / \ # ? and control
/// characters, so every byte outside a small safe set becomes ~XX (its UTF-8 byte in hex): reversible,
/// readable for Teams ids (19:abc@thread.tacv2;messageid=1 stays as it is) and unambiguous because ~
/// itself is escaped.
/// </summary>
internal static class TableKeys
{
    /// <summary>Half the service's 1 KiB, which it counts in UTF-16.</summary>
    public const int MaxEncodedKeyLength = 512;

    private const int MaxTableNameLength = 63;
    private const int HashLength = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = StrictUtf8.GetBytes(key);
        var encoded = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsSafe(b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        if (encoded.Length > MaxEncodedKeyLength)
        {
            throw new ArgumentException($"The key '{key[..Math.Min(key.Length, 40)]}...' is {encoded.Length} characters once encoded for Azure Tables; at most {MaxEncodedKeyLength} fit.", nameof(key));
        }

        return encoded.ToString();
    }

    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '~')
            {
                bytes.Add(byte.Parse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add((byte)encoded[i]);
            }
        }

        return StrictUtf8.GetString([.. bytes]);
    }

    /// <summary>
    /// prefix + the collection's lower-case letters and digits; a collection with anything else (or too
    /// long) also gets a hash of its exact name, since table names are case-insensitive and alphanumeric
    /// and "personal-chats" must not share a table with "personalchats".
    /// </summary>
    public static string TableName(string prefix, string collection)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        var kept = new string([.. collection.Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))]);
        var name = prefix + kept;
        if (kept.Length == collection.Length && name.Length is >= 3 and <= MaxTableNameLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(collection)))[..HashLength];
        return name[..Math.Min(name.Length, MaxTableNameLength - HashLength)] + hash;
    }

    private static bool IsSafe(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)':' or (byte)'@' or (byte)';' or (byte)'=';
}
