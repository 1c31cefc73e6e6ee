using System.Text;
using Realtime.Actors.Auth;
using Xunit;

namespace Realtime.Tests.Auth;

public sealed class DevSigningKeyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Generated_once_then_the_same_on_every_load()
    {
        var dataDir = Path.Combine(_dir.Path, "data", "nested");

        var first = DevSigningKey.LoadOrCreate(dataDir);
        var second = DevSigningKey.LoadOrCreate(dataDir);

        Assert.Equal(first, second);
        Assert.Equal(64, first.Length);
        Assert.True(Encoding.UTF8.GetByteCount(first) >= JwtSettings.MinHmacKeyBytes);
        Assert.Equal(first, File.ReadAllText(Path.Combine(dataDir, DevSigningKey.FileName)));
        Assert.Single(Directory.GetFiles(dataDir));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, DevSigningKey.FileName)));
    }

    [Fact]
    public void Different_data_directories_get_different_keys() =>
        Assert.NotEqual(DevSigningKey.LoadOrCreate(_dir.File("a")), DevSigningKey.LoadOrCreate(_dir.File("b")));

    [Fact]
    public void Concurrent_first_loads_agree()
    {
        var keys = new string[8];
        Parallel.For(0, keys.Length, i => keys[i] = DevSigningKey.LoadOrCreate(_dir.Path));

        Assert.Single(keys.Distinct());
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_truncated_key_file_is_refused()
    {
        File.WriteAllText(_dir.File(DevSigningKey.FileName), "too-short\n");

        Assert.Throws<InvalidDataException>(() => DevSigningKey.LoadOrCreate(_dir.Path));
    }
}
