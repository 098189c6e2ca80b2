using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Persistence;

/// <summary>Backup and restore of the real databases, and the operator commands around them.</summary>
public sealed class BackupTests
{
    private static readonly string Kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static LiveEvent Marker(string topic) =>
        new() { Id = Guid.CreateVersion7(), RegionCode = RegionCatalog.DistrictCode, Topic = topic, AtUtc = DateTime.UtcNow };

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_restore_brings_back_the_backup_and_drops_what_came_after(TestProvider provider)
    {
        await using var app = await SliceFixture.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var kept = Marker("backup.kept");
        await app.Db(async db => { db.LiveEvents.Add(kept); return await db.SaveChangesAsync(ct); });
        var elders = await app.Db(db => db.Elders.CountAsync(ct));
        var migrations = await app.Db(db => db.Database.GetAppliedMigrationsAsync(ct));
        var file = Path.Combine(Path.GetTempPath(), $"eldercare-backup-{Guid.NewGuid():N}.bak");
        var databaseProvider = provider == TestProvider.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;
        try
        {
            await DatabaseBackup.BackupAsync(databaseProvider, app.ConnectionString, file, ct: ct);
            Assert.True(new FileInfo(file).Length > 0);

            var later = Marker("backup.later");
            await app.Db(async db =>
            {
                db.LiveEvents.Add(later);
                db.LiveEvents.Remove(await db.LiveEvents.SingleAsync(e => e.Id == kept.Id, ct));
                return await db.SaveChangesAsync(ct);
            });

            await DatabaseBackup.RestoreAsync(databaseProvider, app.ConnectionString, file, ct: ct);

            Assert.True(await app.Db(db => db.LiveEvents.AnyAsync(e => e.Id == kept.Id, ct)), "the backed-up row is back");
            Assert.False(await app.Db(db => db.LiveEvents.AnyAsync(e => e.Id == later.Id, ct)), "the later row is gone");
            Assert.Equal(elders, await app.Db(db => db.Elders.CountAsync(ct)));
            Assert.Equal(migrations, await app.Db(db => db.Database.GetAppliedMigrationsAsync(ct)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Restoring_a_missing_file_fails_and_leaves_the_database_alone()
    {
        await using var app = await SliceFixture.CreateAsync();
        var elders = await app.Db(db => db.Elders.CountAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<FileNotFoundException>(() => DatabaseBackup.RestoreAsync(DatabaseProvider.Sqlite, app.ConnectionString, "/nonexistent/eldercare.bak", ct: TestContext.Current.CancellationToken));
        Assert.Equal(elders, await app.Db(db => db.Elders.CountAsync(TestContext.Current.CancellationToken)));
    }

    private static async Task<(int Exit, string Output)> RunAppAsync(string connectionString, string? password, params string[] arguments)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "SmartEldercare.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in (string[])[web, .. arguments, "--Database:Provider", "Sqlite", "--Database:ConnectionString", connectionString, "--Seed:Demo", "false"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ELDERCARE_ADMIN_PASSWORD"] = password ?? string.Empty;
        // The commands run as in production, where the key ring's key-encryption key comes from the secret store.
        start.Environment["DataProtection__KeyEncryptionKey"] = Kek;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task Create_admin_makes_one_system_administrator_with_a_policy_password_and_refuses_a_second_of_the_same_name()
    {
        // The app reading the admin back shares the production commands' key-encryption key (a key ring it wrote can be read only with it).
        await using var app = await SliceFixture.CreateAsync(settings: new Dictionary<string, string?> { [KeyRingProtection.ConfigurationKey] = Kek });
        var usersBefore = await app.Db(db => db.Users.CountAsync(TestContext.Current.CancellationToken));
        var weak = await RunAppAsync(app.ConnectionString, "short", "create-admin", "--user", "ops-admin");
        Assert.True(weak.Exit == 1, weak.Output);
        Assert.Contains("Refused", weak.Output, StringComparison.Ordinal);
        Assert.Equal(0, await app.Db(db => db.Users.CountAsync(TestContext.Current.CancellationToken)) - usersBefore);

        var created = await RunAppAsync(app.ConnectionString, "Strong#Passw0rd-2026", "create-admin", "--user", "ops-admin", "--name", "运维管理员");
        Assert.True(created.Exit == 0, created.Output);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // User names are encrypted at rest: looked up the way sign-in does.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync("ops-admin");
            Assert.NotNull(user);
            Assert.Equal((RegionCatalog.DistrictCode, "运维管理员"), (user.RegionCode, user.DisplayName));
            Assert.Equal([Roles.SystemAdmin], await users.GetRolesAsync(user));
            Assert.True(await users.CheckPasswordAsync(user, "Strong#Passw0rd-2026"));
        }

        var again = await RunAppAsync(app.ConnectionString, "Strong#Passw0rd-2026", "create-admin", "--user", "ops-admin");
        Assert.True(again.Exit == 1, again.Output);
        Assert.Contains("already exists", again.Output, StringComparison.Ordinal);

        var backup = Path.Combine(Path.GetTempPath(), $"eldercare-cli-{Guid.NewGuid():N}.db");
        try
        {
            var backedUp = await RunAppAsync(app.ConnectionString, null, "backup", "--to", backup);
            Assert.True(backedUp.Exit == 0, backedUp.Output);
            Assert.True(File.Exists(backup));
        }
        finally
        {
            File.Delete(backup);
        }
    }
}
