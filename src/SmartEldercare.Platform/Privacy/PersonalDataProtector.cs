using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Privacy;

/// <summary>A secret the platform keeps in its own database, encrypted with the Data Protection key ring.</summary>
public sealed class PlatformSecret
{
    public required string Name { get; init; }

    public required string ProtectedValue { get; init; }
}

/// <summary>
/// Encryption at rest for personal data (ID numbers, phones, addresses, health notes): ASP.NET Core Data
/// Protection with its key ring in the database, so every instance reads what another wrote. Equality lookups
/// use a keyed hash (HMAC-SHA256) whose key is itself stored protected, never the plain value.
/// </summary>
public sealed class PersonalDataProtector(IDataProtectionProvider provider, IServiceProvider services)
{
    private const string HashKeyName = "personal-data-hash-key";
    private readonly IDataProtector protector = provider.CreateProtector("SmartEldercare.PersonalData.v1");
    private readonly Lock keyLock = new();
    private byte[]? hashKey;

    public string Protect(string plain) => protector.Protect(plain);

    public string Unprotect(string protectedValue) => protector.Unprotect(protectedValue);

    /// <summary>Keyed hash of a normalized value, for unique indexes and exact search.</summary>
    public string Hash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(HashKey(), Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant())));

    private byte[] HashKey()
    {
        if (hashKey is { } key)
        {
            return key;
        }

        lock (keyLock)
        {
            return hashKey ??= LoadOrCreateHashKey();
        }
    }

    private byte[] LoadOrCreateHashKey()
    {
        var dbs = services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        var keyProtector = protector.CreateProtector("hash-key");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var db = dbs.CreateDbContext();
            var stored = db.Secrets.AsNoTracking().SingleOrDefault(s => s.Name == HashKeyName);
            if (stored is not null)
            {
                return Convert.FromBase64String(keyProtector.Unprotect(stored.ProtectedValue));
            }

            db.Secrets.Add(new PlatformSecret { Name = HashKeyName, ProtectedValue = keyProtector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another instance created it first: read theirs.
            }
        }

        throw new InvalidOperationException("The personal-data hash key could not be loaded.");
    }
}
