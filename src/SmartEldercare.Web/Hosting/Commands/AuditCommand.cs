using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Web.Hosting.Commands;

/// <summary>The <c>audit</c> command: verify the chain, purge past retention.</summary>
internal static class AuditCommand
{
    /// <summary><c>audit verify</c> checks the hash chain (exit code 1 when broken); <c>audit purge --before yyyy-MM-dd</c>
    /// removes entries older than the date, refusing anything younger than the 12-month retention.</summary>
    public static async Task<bool> RunAuditCommandAsync(WebApplication app, string[] args)
    {
        var trail = app.Services.GetRequiredService<Platform.Auditing.AuditTrail>();
        var verb = args.SkipWhile(a => a != "audit").Skip(1).FirstOrDefault();
        if (verb == "verify")
        {
            var result = await trail.VerifyAsync();
            Console.WriteLine(result.Intact
                ? $"Audit chain intact: {result.Entries} entries."
                : $"Audit chain BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}.");
            Environment.ExitCode = result.Intact ? 0 : 1;
            return true;
        }

        if (verb == "purge" && DateOnly.TryParseExact(app.Configuration["before"], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var before))
        {
            var system = new CurrentUser();
            system.Set(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "system:purge")], "cli")));
            var result = await trail.PurgeAsync(system, before);
            Console.WriteLine(result.IsSuccess ? $"Purged {result.Value} audit entries before {before:yyyy-MM-dd}." : "Refused: audit entries are kept at least 12 months.");
            Environment.ExitCode = result.IsSuccess ? 0 : 1;
            return true;
        }

        Console.Error.WriteLine("usage: audit verify | audit purge --before yyyy-MM-dd");
        Environment.ExitCode = 2;
        return true;
    }
}
