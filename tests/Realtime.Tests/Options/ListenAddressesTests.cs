using Microsoft.Extensions.Configuration;
using Realtime.App.Hosting;

namespace Realtime.Tests.Options;

public sealed class ListenAddressesTests
{
    private static string? Override(string? realtimeUrls, params (string Key, string Value)[] aspNet) =>
        ListenAddresses.Override(new ConfigurationBuilder().AddInMemoryCollection(aspNet.ToDictionary(s => s.Key, s => (string?)s.Value)).Build(), realtimeUrls);

    [Fact]
    public void Without_any_address_setting_the_gateway_listens_on_5050_everywhere() =>
        Assert.Equal("http://0.0.0.0:5050", Override(null));

    [Theory]
    [InlineData("urls", "http://127.0.0.1:6000")]
    [InlineData("http_ports", "6000")]
    [InlineData("https_ports", "6001")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:6000")]
    public void An_aspnet_address_setting_is_left_to_aspnet(string key, string value) =>
        Assert.Null(Override(null, (key, value)));

    [Fact]
    public void Realtime_Urls_overrides_the_aspnet_settings() =>
        Assert.Equal("http://127.0.0.1:7000", Override("http://127.0.0.1:7000", ("urls", "http://127.0.0.1:6000")));

    [Fact]
    public void An_empty_ports_setting_is_no_setting() =>
        Assert.Equal("http://0.0.0.0:5050", Override(null, ("http_ports", "")));
}
