namespace FutureOfCustoms.Bot.Storage;

/// <summary>The one rule for file names, so a name that works on one provider works on the other.</summary>
internal static class StoredFileName
{
    /// <summary>Names are ours (tokens, ids), never a user's path: anything that could leave the folder, or nest in a container, is refused.</summary>
    public static string Check(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255 || name.IndexOfAny(['/', '\\', ':']) >= 0 || name.Contains("..", StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            throw new ArgumentException($"'{name}' is not a valid stored file name.", nameof(name));
        }

        return name;
    }
}
