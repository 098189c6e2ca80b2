using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace SmartEldercare.Platform.Identity;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, a step either side for clock drift), each
/// usable once: the step of the last code accepted is kept with the user, and a code of that step or an earlier one is
/// refused. A code read over someone's shoulder, or replayed from a captured request, does not sign in a second time.
/// Serves the browser's second step and the API's token alike (it is the authenticator provider).
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider : IUserTwoFactorTokenProvider<AppUser>
{
    public const string LoginProvider = "[OneTimeAuthenticator]";
    public const string LastStepName = "LastStep";
    private const int Drift = 1;

    private readonly TimeProvider clock;

    public OneTimeAuthenticatorTokenProvider(TimeProvider clock) => this.clock = clock;

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var secret = Base32(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        long? matched = null;
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (CodeAt(secret, step) == code)
            {
                matched = step;
            }
        }

        if (matched is not { } used)
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && used <= lastStep)
        {
            return false; // this code, or a later one, was used already
        }

        // Saved under the user's concurrency stamp: of two requests with the same code at the same moment, one fails here.
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, used.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    private static int CodeAt(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant().TrimEnd('='))
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
