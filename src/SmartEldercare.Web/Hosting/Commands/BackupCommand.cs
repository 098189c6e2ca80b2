
namespace SmartEldercare.Web.Hosting.Commands;

/// <summary>The <c>backup</c> and <c>restore</c> commands.</summary>
internal static class BackupCommand
{
    /// <summary><c>backup --to FILE</c> / <c>restore --from FILE</c> (see <see cref="DatabaseBackup"/>).</summary>
    public static async Task<bool> RunBackupCommandAsync(WebApplication app, string verb)
    {
        var file = app.Configuration[verb == "backup" ? "to" : "from"];
        if (string.IsNullOrWhiteSpace(file))
        {
            Console.Error.WriteLine("usage: backup --to FILE | restore --from FILE");
            Environment.ExitCode = 2;
            return true;
        }

        var provider = DatabaseSetup.Provider(app.Configuration);
        var connectionString = DatabaseSetup.ConnectionString(app.Configuration, app.Environment.ContentRootPath);
        try
        {
            if (verb == "backup")
            {
                await DatabaseBackup.BackupAsync(provider, connectionString, Path.GetFullPath(file), app.Configuration);
            }
            else
            {
                await DatabaseBackup.RestoreAsync(provider, connectionString, Path.GetFullPath(file), app.Configuration);
            }

            Console.WriteLine($"{(verb == "backup" ? "Backed up to" : "Restored from")} {file} ({provider}).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Data.Common.DbException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"{verb} failed: {ex.Message}");
            Environment.ExitCode = 1;
        }

        return true;
    }
}
