using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SmartEldercare.Platform.Privacy;

/// <summary>
/// The Data Protection key ring (which encrypts ID numbers, phones, addresses, tokens) lives in the database, so that
/// every instance reads what another wrote. On its own that would put the keys beside the data they protect: a stolen
/// database would be the data. So each key is encrypted before it is stored, with a key-encryption key (KEK) that never
/// enters the database: <c>DataProtection:KeyEncryptionKey</c>, 32 random bytes in base64 from the environment or a
/// secret store (<c>openssl rand -base64 32</c>). AES-256-GCM; the stored key names the KEK by a short fingerprint.
/// Outside Development the application refuses to start without it (<see cref="RequireIn"/>).
/// </summary>
public static class KeyRingProtection
{
    public const string ConfigurationKey = "DataProtection:KeyEncryptionKey";

    /// <summary>Encrypts new keys with the configured KEK, if any; returns whether one is configured.</summary>
    public static bool Configure(IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var kek = Read(configuration);
        if (kek is null)
        {
            return false;
        }

        builder.Services.AddSingleton(kek);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new KekXmlEncryptor(kek));
        return true;
    }

    /// <summary>Outside Development, a missing or malformed KEK stops the start with a message that says what to set.</summary>
    public static void RequireIn(string environmentName, IConfiguration configuration)
    {
        if (string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (Read(configuration) is null)
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} is not set (or is not 32 bytes in base64). Outside Development the key ring that protects personal data must be " +
                "encrypted with a key kept outside the database: set the environment variable DataProtection__KeyEncryptionKey from your secret store " +
                "(generate one with `openssl rand -base64 32`; keep it, the keys cannot be read without it).");
        }
    }

    private static KeyEncryptionKey? Read(IConfiguration configuration)
    {
        var text = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var bytes = new byte[64];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == 32 ? new KeyEncryptionKey(bytes[..32]) : null;
    }
}

/// <summary>The key-encryption key, and its fingerprint (the first bytes of its SHA-256, never the key).</summary>
public sealed class KeyEncryptionKey(byte[] key)
{
    internal byte[] Key { get; } = key;

    public string Fingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(key))[..12];

    /// <summary>A key for another purpose, derived from this one (HKDF-SHA256), so one secret outside the database serves them all.</summary>
    public byte[] Derive(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, Key, 32, info: Encoding.UTF8.GetBytes("SmartEldercare/" + purpose));
}

internal sealed class KekXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(kek.Key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        var element = new XElement("kekEncrypted",
            new XAttribute("kek", kek.Fingerprint),
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(cipher));
        return new EncryptedXmlInfo(element, typeof(KekXmlDecryptor));
    }
}

/// <summary>Made by Data Protection through its service provider constructor.</summary>
public sealed class KekXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var kek = services.GetService<KeyEncryptionKey>()
            ?? throw new CryptographicException($"The key ring is encrypted with a key-encryption key, but {KeyRingProtection.ConfigurationKey} is not set.");
        if ((string?)encryptedElement.Attribute("kek") != kek.Fingerprint)
        {
            throw new CryptographicException($"This key was encrypted with the key-encryption key {(string?)encryptedElement.Attribute("kek")}, not with the configured one ({kek.Fingerprint}).");
        }

        var nonce = Convert.FromBase64String((string)encryptedElement.Attribute("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Attribute("tag")!);
        var cipher = Convert.FromBase64String(encryptedElement.Value);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(kek.Key, tag.Length))
        {
            aes.Decrypt(nonce, cipher, tag, plain);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
