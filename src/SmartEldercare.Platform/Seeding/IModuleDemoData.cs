namespace SmartEldercare.Platform.Seeding;

/// <summary>
/// A module's demo data, seeded by the host after the platform's (accounts, organisations, elders) whenever demo data
/// is on. Must be idempotent: it checks its own tables and seeds only what is missing.
/// </summary>
public interface IModuleDemoData
{
    Task SeedAsync(CancellationToken ct = default);
}
