namespace Platform.AppHost;

/// <summary>A file readable and writable by its owner alone from the moment it exists (secrets, a server's configuration holding one).</summary>
public static class OwnerOnlyFile
{
    public static void Write(string path, string text, FileMode mode)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
