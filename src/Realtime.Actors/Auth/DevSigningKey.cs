using System.Security.Cryptography;
using System.Text;

namespace Realtime.Actors.Auth;

/// <summary>
/// A development secret (HS256 signing key, ingest key) kept in <c>&lt;dataDir&gt;/dev-signing-key</c>: generated on first use, then reused,
/// so the embedded gateway and the <c>token</c> command agree on it with no configuration.
/// </summary>
public static class DevSigningKey
{
    public const string FileName = "dev-signing-key";

    private const int RandomBytes = 48;

    // How long a reader waits for a concurrent creator to finish writing the file.
    private static readonly TimeSpan CreationWait = TimeSpan.FromMilliseconds(500);

    /// <summary>The secret (a base64 string whose UTF-8 bytes are the HMAC key), created if the file does not exist.</summary>
    public static string LoadOrCreate(string dataDirectory, string fileName = FileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, fileName);
        if (!File.Exists(path))
            TryCreate(path);

        var deadline = DateTime.UtcNow + CreationWait;
        while (true)
        {
            var secret = TryRead(path);
            if (secret is not null && Encoding.UTF8.GetByteCount(secret) >= JwtSettings.MinHmacKeyBytes)
                return secret;
            if (DateTime.UtcNow >= deadline)
                throw new InvalidDataException($"{path} holds fewer than {JwtSettings.MinHmacKeyBytes} bytes; delete it to generate a new key");
            Thread.Sleep(10);
        }
    }

    // Created in place with O_EXCL (CreateNew) and held exclusively while written: exactly one starter wins, and
    // the others read only once the winner closed the file.
    private static void TryCreate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: theirs wins.
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return reader.ReadToEnd().Trim();
        }
        catch (IOException)
        {
            return null; // still being written by its creator
        }
    }
}
