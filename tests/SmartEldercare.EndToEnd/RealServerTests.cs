using System.Net;

namespace SmartEldercare.EndToEnd;

/// <summary>Limits only the real server (Kestrel) enforces, which the in-memory test host does not.</summary>
[Collection(nameof(EndToEnd))]
public sealed class RealServerTests(AppServer app)
{
    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var body = new StringContent("{\"userName\":\"" + new string('x', 2_000_000) + "\",\"password\":\"x\"}", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
