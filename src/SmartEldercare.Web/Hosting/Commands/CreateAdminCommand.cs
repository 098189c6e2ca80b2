using Microsoft.AspNetCore.Identity;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Web.Hosting.Commands;

/// <summary>The <c>create-admin</c> command: the first system administrator of a production database.</summary>
internal static class CreateAdminCommand
{
    /// <summary>
    /// <c>create-admin --user NAME [--name DISPLAY]</c>: the first system administrator of a production database (demo
    /// data off). The password comes from <c>ELDERCARE_ADMIN_PASSWORD</c> or the first line of standard input, never
    /// the command line; the password policy applies. Refuses an existing user name.
    /// </summary>
    public static async Task<bool> RunCreateAdminCommandAsync(WebApplication app)
    {
        Environment.ExitCode = 1;
        var userName = app.Configuration["user"];
        if (string.IsNullOrWhiteSpace(userName))
        {
            Console.Error.WriteLine("usage: create-admin --user NAME [--name DISPLAY]   (password from ELDERCARE_ADMIN_PASSWORD or stdin)");
            Environment.ExitCode = 2;
            return true;
        }

        var password = Environment.GetEnvironmentVariable("ELDERCARE_ADMIN_PASSWORD") is { Length: > 0 } fromEnvironment ? fromEnvironment : Console.In.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("No password: set ELDERCARE_ADMIN_PASSWORD or pipe it on standard input.");
            return true;
        }

        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)).ToList())
        {
            await roles.CreateAsync(new AppRole(role));
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            Console.Error.WriteLine($"User {userName} already exists.");
            return true;
        }

        var user = new AppUser { UserName = userName, DisplayName = app.Configuration["name"] ?? userName, RegionCode = RegionCatalog.DistrictCode };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            Console.Error.WriteLine("Refused: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            return true;
        }

        await users.AddToRoleAsync(user, Roles.SystemAdmin);
        Console.WriteLine($"Created system administrator {userName} for {RegionCatalog.DistrictCode}.");
        Environment.ExitCode = 0;
        return true;
    }
}
