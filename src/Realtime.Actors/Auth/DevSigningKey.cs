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

    /// <summary>The secret (a base64 string whose UTF-8 bytes are the HMAC key), created if the file does not exist.</summary>
    public static string LoadOrCreate(string dataDirectory, string fileName = FileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, fileName);
        if (!File.Exists(path))
            TryCreate(path);

        var secret = File.ReadAllText(path).Trim();
        if (Encoding.UTF8.GetByteCount(secret) < JwtSettings.MinHmacKeyBytes)
            throw new InvalidDataException($"{path} holds fewer than {JwtSettings.MinHmacKeyBytes} bytes; delete it to generate a new key");
        return secret;
    }

    private static void TryCreate(string path)
    {
        // Written aside and moved into place so a concurrent starter never reads a half-written file.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temp, Encoding.ASCII, options))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes)));

        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: theirs wins.
            File.Delete(temp);
        }
    }
}
