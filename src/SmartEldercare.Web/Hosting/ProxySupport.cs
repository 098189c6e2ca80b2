using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// Behind nginx or an ingress: the client's address and scheme come from <c>X-Forwarded-For</c> /
/// <c>X-Forwarded-Proto</c>, but only when the request comes from a proxy listed in <c>Proxy:KnownProxies</c>
/// (addresses) or <c>Proxy:KnownNetworks</c> (CIDR), comma-separated. Without either, forwarded headers are ignored:
/// anyone could otherwise pick the address the sign-in rate limit and the audit trail record.
/// </summary>
public static class ProxySupport
{
    public static void UseTrustedProxies(this WebApplication app)
    {
        var proxies = Split(app.Configuration["Proxy:KnownProxies"]);
        var networks = Split(app.Configuration["Proxy:KnownNetworks"]);
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost, ForwardLimit = 2 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(options);
    }

    private static string[] Split(string? value) => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
