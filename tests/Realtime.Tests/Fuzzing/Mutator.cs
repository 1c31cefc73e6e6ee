using System.Text;

namespace Realtime.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of valid inputs (flipped and inserted bytes, cut and repeated ranges, JSON tokens and edge
/// values spliced in) plus plain random bytes: the inputs a parser that reads the network must survive.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-1", "1e999", "-0.0", "18446744073709551616",
        "\"\\u0000\"", "\"\\ud800\"", "\\", "\"@type\"", "\"subscribe\"", "\"jwt\"", "{}", "[]", "\"\"", new string('a', 300), "\u00ff", "\t\n",
    ];

    private readonly Random _random = new(seed);

    public byte[] Next(IReadOnlyList<string> seeds)
    {
        if (_random.Next(10) == 0)
        {
            var noise = new byte[_random.Next(64)];
            _random.NextBytes(noise);
            return noise;
        }
        var bytes = Encoding.UTF8.GetBytes(seeds[_random.Next(seeds.Count)]).ToList();
        var mutations = 1 + _random.Next(4);
        for (var i = 0; i < mutations; i++)
            Mutate(bytes);
        return [.. bytes];
    }

    public string NextText(IReadOnlyList<string> seeds) => Encoding.UTF8.GetString(Next(seeds));

    private void Mutate(List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
        switch (_random.Next(6))
        {
            case 0 when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                bytes.Insert(at, (byte)_random.Next(256));
                break;
            case 2 when bytes.Count > 0:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(8)));
                break;
            case 3 when bytes.Count > 0:
                var length = Math.Min(bytes.Count - at, 1 + _random.Next(16));
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            case 4:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                break;
            default:
                if (bytes.Count > 0)
                    bytes.RemoveRange(at, bytes.Count - at);
                break;
        }
    }
}
