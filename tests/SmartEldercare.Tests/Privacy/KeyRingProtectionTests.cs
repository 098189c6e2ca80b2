using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Privacy;

/// <summary>A stolen database is not the data: the key ring in it is encrypted with a key kept outside it.</summary>
public sealed class KeyRingProtectionTests
{
    private static readonly string Kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static ServiceProvider Instance(string connectionString, string? kek)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Critical));
        var extra = new Dictionary<string, string?>();
        if (kek is not null)
        {
            extra["DataProtection:KeyEncryptionKey"] = kek;
        }

        services.AddEldercareCore(TestDatabases.Configuration(TestProvider.Sqlite, connectionString, extra), Path.GetTempPath());
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task With_a_key_encryption_key_the_stored_keys_are_ciphertext_and_only_that_key_reads_the_data()
    {
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        var command = NewElder.Command(phone: "13755556666");
        Guid id;
        await using (var first = Instance(connectionString, Kek))
        await using (var scope = first.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.Village);
            id = (await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command, TestContext.Current.CancellationToken)).Value;
        }

        await using (var reader = Instance(connectionString, null))
        {
            await using var db = await reader.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            var stored = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);
            Assert.NotEmpty(stored);
            // The key material itself is not in the database: only its encrypted form.
            Assert.All(stored, xml => Assert.Contains("kekEncrypted", xml!, StringComparison.Ordinal));
            Assert.All(stored, xml => Assert.DoesNotContain("<masterKey", xml!, StringComparison.Ordinal));
        }

        async Task<string?> RevealAsync(string? kek)
        {
            await using var instance = Instance(connectionString, kek);
            await using var scope = instance.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(TestUsers.Village);
            return (await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(
                new RevealElderField.Command { Id = id, Field = PersonalField.Phone, Reason = "联系老人本人" }, TestContext.Current.CancellationToken)).Value;
        }

        Assert.Equal("13755556666", await RevealAsync(Kek));
        // Whoever has the database but not the key reads nothing.
        await Assert.ThrowsAnyAsync<CryptographicException>(() => RevealAsync(null));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => RevealAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public async Task Outside_Development_the_app_refuses_to_start_without_a_key_encryption_key(string? kek)
    {
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", connectionString);
            if (kek is not null)
            {
                b.UseSetting("DataProtection:KeyEncryptionKey", kek);
            }
        });

        var refused = Assert.ThrowsAny<InvalidOperationException>(() => factory.Server);
        Assert.Contains("DataProtection__KeyEncryptionKey", refused.Message, StringComparison.Ordinal);
    }
}
