using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmartEldercare.Emergency.Devices;

namespace SmartEldercare.Emergency.Features.Ingest;

/// <summary>A device whose signature verified, with the stamp (<see cref="Device.Version"/>) its credentials had then.</summary>
public sealed record AuthenticatedDevice(Guid Id, string Code, int Version);

/// <summary>
/// Checks a device request's signature (<see cref="DeviceEventsEndpoint.Sign"/>). The enabled devices' credentials
/// are kept in memory after their first request, so a heartbeat costs an HMAC, not a database read and a decryption.
/// <para>
/// Kept credentials never decide alone: the ingestor's commit reads every device of its group anyway, and refuses the
/// events of a request whose device is no longer enabled or whose <see cref="Device.Version"/> moved (every rotation,
/// disabling and re-binding bumps it) — on any instance, without a message between instances. The endpoint then
/// forgets the kept credentials and asks the database again (<see cref="Forget"/>). A signature that does not verify
/// against kept credentials (the secret was rotated) is checked once more against the database's.
/// </para>
/// </summary>
public sealed class DeviceAuthenticator(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock)
{
    /// <summary>The most devices kept; past it the cache starts again (a district has tens of thousands of devices).</summary>
    public const int MaxKept = 200_000;

    private readonly ConcurrentDictionary<string, Credentials> kept = new(StringComparer.Ordinal);

    /// <summary>Devices whose credentials are kept now.</summary>
    public int Kept => kept.Count;

    /// <summary>
    /// The device that signed the request, or null for any failure — malformed headers, a timestamp outside the allowed
    /// skew, an unknown or disabled device, a wrong signature — all alike to the caller.
    /// </summary>
    public async ValueTask<AuthenticatedDevice?> AuthenticateAsync(HttpRequest request, byte[] body, CancellationToken ct)
    {
        // Codes are stored as registered: trimmed and upper-cased (RegisterDevice); a device may say it in any case.
        var code = Device.NormalizeCode(request.Headers[DeviceEventsEndpoint.DeviceHeader].ToString());
        var timestamp = request.Headers[DeviceEventsEndpoint.TimestampHeader].ToString();
        var signature = request.Headers[DeviceEventsEndpoint.SignatureHeader].ToString();
        if (code.Length is 0 or > Device.CodeMaxLength || signature.Length != 64
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > DeviceEventsEndpoint.ClockSkew)
        {
            return null;
        }

        if (kept.TryGetValue(code, out var known) && known.Verifies(timestamp, body, signature))
        {
            return known.Device;
        }

        // Not kept yet, or the signature does not match what is kept (perhaps a rotated secret): the database decides.
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stored = await db.Set<Device>().AsNoTracking().Where(d => d.Code == code)
            .Select(d => new { d.Id, d.Secret, d.Enabled, d.Version }).SingleOrDefaultAsync(ct);
        if (stored is null || !stored.Enabled)
        {
            kept.TryRemove(code, out _);
            return null;
        }

        var credentials = new Credentials(new AuthenticatedDevice(stored.Id, code, stored.Version), Encoding.UTF8.GetBytes(stored.Secret));
        if (kept.Count >= MaxKept)
        {
            kept.Clear();
        }

        kept[code] = credentials;
        return credentials.Verifies(timestamp, body, signature) ? credentials.Device : null;
    }

    /// <summary>Drops what is kept for a device: its next request is checked against the database.</summary>
    public void Forget(string code) => kept.TryRemove(code, out _);

    private sealed class Credentials(AuthenticatedDevice device, byte[] key)
    {
        public AuthenticatedDevice Device { get; } = device;

        public bool Verifies(string timestamp, byte[] body, string signature)
        {
            Span<byte> expected = stackalloc byte[32];
            HMACSHA256.HashData(key, DeviceEventsEndpoint.SignedMessage(timestamp, body), expected);
            Span<byte> given = stackalloc byte[32];
            return Convert.FromHexString(signature, given, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32
                && CryptographicOperations.FixedTimeEquals(expected, given);
        }
    }
}
