namespace ReadoutApi.Seed;

/// <summary>
/// Reads one seed file's bytes, or says in plain words why it cannot: missing, a directory, a dangling or looping
/// symbolic link, not a regular file, over the size limit, unreadable. Never throws, and never opens what could block
/// (a FIFO, a socket, a device), so a reload cannot hang on a file.
/// </summary>
internal static class SeedFileReader
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The file, or null with the reason in <paramref name="problem"/>.</summary>
    /// <param name="path">The file's full path.</param>
    /// <param name="display">The path as the user would type it, for the report.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="problem">Why the file cannot be read, when the result is null.</param>
    public static SeedFile? Read(string path, string display, long maxBytes, out SeedProblem? problem)
    {
        var reason = Check(path, maxBytes);
        if (reason is null)
        {
            try
            {
                reason = ReadAtMost(path, maxBytes, out var bytes);
                if (reason is null)
                {
                    problem = null;
                    return new SeedFile(display, WithoutBom(bytes));
                }
            }
            catch (Exception e)
            {
                reason = Describe(e);
            }
        }

        problem = new SeedProblem(display, "$", null, reason);
        return null;
    }

    // What is wrong with the path before it is opened, or null when it is a regular file within the limit.
    private static string? Check(string path, long maxBytes)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return "is a directory, not a file";
            }

            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                FileSystemInfo? final;
                try
                {
                    final = info.ResolveLinkTarget(returnFinalTarget: true);
                }
                catch (IOException)
                {
                    return "is a symbolic link that leads back to itself (a loop)";
                }

                if (final is not { Exists: true })
                {
                    return $"is a symbolic link to '{target}', which does not exist";
                }

                // What is read is the file the links lead to: a link's own size is that of the path it holds, so its
                // kind and size are looked at there (a link to a FIFO must not be opened; a link to a huge file is over
                // the limit).
                info = new FileInfo(final.FullName);
            }

            if (!info.Exists)
            {
                return Missing(path);
            }

            // A FIFO, a socket or a device has no size; opening one could wait forever for a writer. An empty regular
            // file is refused too: it is no JSON.
            if (info.Length == 0)
            {
                return "is empty, or not a regular file (a FIFO, socket or device): a seed file holds a JSON object";
            }

            return info.Length > maxBytes ? OverTheLimit(info.Length, maxBytes) : null;
        }
        catch (Exception e)
        {
            return Describe(e);
        }
    }

    // Reads the file through one handle, whose size is the file's as opened: a file replaced or grown since it was looked
    // at is still never read past the limit.
    // Returns null when the whole file is in bytes, else why not.
    private static string? ReadAtMost(string path, long maxBytes, out byte[] bytes)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        bytes = [];
        if (length > maxBytes)
        {
            return OverTheLimit(length, maxBytes);
        }

        bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(handle, bytes.AsSpan(read), read) is var n and > 0)
        {
            read += n;
        }

        return read == bytes.Length ? null : "changed while it was being read (it became shorter)";
    }

    // A file looked at through a folder the service may not search seems absent: tell the two apart.
    private static string Missing(string path)
    {
        try
        {
            File.GetAttributes(path);
            return "vanished while it was being looked at";
        }
        catch (UnauthorizedAccessException)
        {
            return "permission denied: the service cannot reach it (a folder on its path may not be searched)";
        }
        catch (IOException)
        {
            return "file not found";
        }
    }

    private static string OverTheLimit(long length, long maxBytes) =>
        $"is {length:N0} bytes, over the limit of {maxBytes:N0} (Seed:MaxFileBytes)";

    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied: the service cannot read it",
        FileNotFoundException or DirectoryNotFoundException => "vanished while it was being read",
        _ => $"could not be read: {e.Message}",
    };

    // A UTF-8 byte order mark is allowed (some editors write one) and is not part of the JSON.
    private static byte[] WithoutBom(byte[] bytes) => bytes.AsSpan().StartsWith(Bom) ? bytes[Bom.Length..] : bytes;
}
