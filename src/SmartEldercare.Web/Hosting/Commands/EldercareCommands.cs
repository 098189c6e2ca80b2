using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Web.Hosting.Commands;

/// <summary>The command-line verbs of the application (<c>dotnet run -- migrate</c>, …): each runs and exits instead of serving.</summary>
public static class EldercareCommands
{
    /// <summary><c>migrate</c> applies migrations and exits; <c>seed --elders N</c> adds N demo elders and exits.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        switch (command)
        {
            case "migrate":
                await DatabaseSetup.MigrateAsync(app.Services);
                app.Logger.LogInformation("Database migrated ({Provider}).", DatabaseSetup.Provider(app.Configuration));
                return true;
            case "seed":
                await DatabaseSetup.MigrateAsync(app.Services);
                var count = app.Configuration.GetValue("elders", 3000);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
                    if (!await demo.SeedIfEmptyAsync(count))
                    {
                        await demo.SeedEldersAsync(count, seed: Environment.TickCount);
                    }
                }

                app.Logger.LogInformation("Seeded {Count} elders.", count);
                return true;
            case "audit":
                return await AuditCommand.RunAuditCommandAsync(app, args);
            case "backup" or "restore":
                return await BackupCommand.RunBackupCommandAsync(app, command);
            case "create-admin":
                return await CreateAdminCommand.RunCreateAdminCommandAsync(app);
            default:
                return false;
        }
    }
}
