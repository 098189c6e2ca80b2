using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartEldercare.Platform.Common;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Privacy;

/// <summary>
/// A mask that cannot be undone: the ID number's hidden digits are its birth date, so wherever the masked number is shown
/// the full birth date must not be (to anyone who has not revealed it, audited). This tries what an insider would: every
/// date a non-revealing role is shown about an elder, put into the masked number, searched for.
/// </summary>
public sealed partial class MaskRebuildTests(EldercareWebFactory factory) : IClassFixture<EldercareWebFactory>
{
    [Fact]
    public async Task Nothing_a_responder_sees_of_an_elder_rebuilds_the_ID_number()
    {
        var district = await factory.ClientFor("district");
        var responder = await factory.ClientFor("responder");
        var list = await responder.GetFromJsonAsync<JsonElement>("/api/v1/elders?status=Active&pageSize=5", TestContext.Current.CancellationToken);
        var elders = list.GetProperty("items").EnumerateArray().Take(5).ToList();
        Assert.NotEmpty(elders);

        foreach (var item in elders)
        {
            var id = item.GetProperty("id").GetString()!;
            var details = await responder.GetStringAsync($"/api/v1/elders/{id}", TestContext.Current.CancellationToken);
            var byName = await responder.GetStringAsync($"/api/v1/elders?q={Uri.EscapeDataString(item.GetProperty("name").GetString()!)}", TestContext.Current.CancellationToken);
            var seen = details + byName + item.GetRawText();
            var masked = JsonDocument.Parse(details).RootElement.GetProperty("maskedIdNumber").GetString()!;
            Assert.Equal(18, masked.Length);

            // Every date shown, in every form, put where the mask hides the birth date.
            var dates = DatePattern().Matches(seen).Select(m => m.Value.Replace("-", string.Empty, StringComparison.Ordinal)).Distinct().ToList();
            var candidates = dates.Select(d => masked[..6] + d + masked[^4..]).Where(ChinaIdNumber.IsValid).ToList();
            foreach (var candidate in candidates)
            {
                var found = await district.GetFromJsonAsync<JsonElement>($"/api/v1/elders?q={candidate}", TestContext.Current.CancellationToken);
                Assert.DoesNotContain(found.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == id);
            }
        }
    }

    [GeneratedRegex(@"(?<!\d)(19|20)\d{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")]
    private static partial Regex DatePattern();
}
