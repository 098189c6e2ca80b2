using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Bench;

/// <summary>The demo accounts as the benches use them: bearer tokens for hub clients, a principal for in-process commands.</summary>
internal static class BenchAccounts
{
    /// <summary>One bearer token per demo account, as a wall screen or partner gets it.</summary>
    public static async Task<Dictionary<string, string>> TokensAsync(Uri baseUrl, IEnumerable<string> userNames)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var tokens = new Dictionary<string, string>();
        foreach (var userName in userNames)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = AppServer.Password });
            response.EnsureSuccessStatusCode();
            tokens[userName] = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        }

        return tokens;
    }

    /// <summary>The demo <c>district</c> account as a principal: the commands are audited under its real id.</summary>
    public static async Task<ClaimsPrincipal> DistrictOperatorAsync(IServiceProvider services)
    {
        // Through the UserManager: user names are stored protected (personal data), a plain query would not find them.
        await using var scope = services.CreateAsyncScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("district"))?.Id
            ?? throw new InvalidOperationException("No demo account 'district': was the demo data seeded?");
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, id.ToString()),
                new Claim(ClaimTypes.Name, "district"),
                new Claim(ClaimTypes.Role, Roles.DistrictOperator),
                new Claim(EldercareClaims.Region, RegionCatalog.DistrictCode),
                new Claim(EldercareClaims.DisplayName, "bench"),
            ],
            "bench"));
    }

    private sealed record TokenResponse(string AccessToken);
}
