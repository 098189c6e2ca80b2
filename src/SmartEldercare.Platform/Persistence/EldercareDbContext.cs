using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Persistence;

/// <summary>The assemblies whose <see cref="IEntityTypeConfiguration{TEntity}"/>s make up the one model (platform + modules).</summary>
public sealed class ModelAssemblies(IEnumerable<Assembly> assemblies)
{
    public IReadOnlyList<Assembly> Assemblies { get; } = [.. assemblies.Distinct()];
}

/// <summary>
/// The one database. Handlers create it through <c>IDbContextFactory</c>, one context per operation; the factory
/// pools the instances (a context's construction and its internal services were a good part of a small request's
/// cost). Its only constructor takes its options, as pooling requires: the model's inputs come in them
/// (<see cref="EldercareModelOptions.UseEldercareModel"/>).
/// </summary>
public class EldercareDbContext(DbContextOptions<EldercareDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    private readonly EldercareModelExtension model = options.FindExtension<EldercareModelExtension>()
        ?? throw new InvalidOperationException("The options of EldercareDbContext lack UseEldercareModel(...).");

    /// <summary>The protector the model's converters use: part of the model cache key (see <see cref="ModelCacheKeys"/>).</summary>
    internal Privacy.PersonalDataProtector PersonalData => model.PersonalData;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Privacy.PlatformSecret> Secrets => Set<Privacy.PlatformSecret>();

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Elder> Elders => Set<Elder>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Auditing.AuditEntry> AuditEntries => Set<Auditing.AuditEntry>();

    public DbSet<Live.LiveEvent> LiveEvents => Set<Live.LiveEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().ToTable("Identity_Users");
        builder.Entity<AppRole>().ToTable("Identity_Roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>>().ToTable("Identity_UserRoles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("Identity_UserClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("Identity_UserLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<Guid>>().ToTable("Identity_RoleClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("Identity_UserTokens");
        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(50);
            u.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength);
        });

        foreach (var assembly in model.Assemblies.Assemblies)
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }

        builder.Entity<DataProtectionKey>().ToTable("Platform_DataProtectionKeys");
        builder.Entity<Privacy.PlatformSecret>(s =>
        {
            s.ToTable("Platform_Secrets");
            s.HasKey(x => x.Name);
            s.Property(x => x.Name).HasMaxLength(100);
        });

        // Every string property marked [ProtectedPersonalData], in the platform or any module, is encrypted at rest.
        var personalData = model.PersonalData;
        var encrypt = new ValueConverter<string, string>(v => personalData.Protect(v), v => personalData.Unprotect(v));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.ClrType == typeof(string) && p.PropertyInfo?.IsDefined(typeof(ProtectedPersonalDataAttribute), inherit: true) == true))
        {
            property.SetValueConverter(encrypt);
            property.SetMaxLength(null);
            property.SetIsUnicode(false);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are UTC everywhere; SQLite would otherwise hand them back as Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>
/// One model per personal-data protector: the encrypting converters capture it, so two service providers in one
/// process (tests, tools) must not share a cached model.
/// </summary>
public sealed class ModelCacheKeys : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is EldercareDbContext e ? (context.GetType(), e.PersonalData, designTime) : (object)(context.GetType(), designTime);
}
