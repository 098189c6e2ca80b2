using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Web.Hosting;

public static class DatabasePreparation
{
    /// <summary>Migrations at start-up (default) and demo data when <c>Seed:Demo</c> is on.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await DatabaseSetup.MigrateAsync(app.Services);
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureRolesAsync();
        if (app.Configuration.GetValue("Seed:Demo", app.Environment.IsDevelopment()))
        {
            var elders = app.Configuration.GetValue("Seed:Elders", 3000);
            if (await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(elders))
            {
                app.Logger.LogInformation("Seeded demo data: {Elders} elders, demo accounts with password {Password}", elders, DemoData.Password);
            }

            // Each module's own demo data (catalogues, sample records) on top of the platform's; each seeds only what is missing.
            foreach (var module in scope.ServiceProvider.GetServices<IModuleDemoData>())
            {
                await module.SeedAsync();
            }
        }
    }
}
