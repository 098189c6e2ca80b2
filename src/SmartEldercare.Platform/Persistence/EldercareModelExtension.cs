using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace SmartEldercare.Platform.Persistence;

/// <summary>
/// What <see cref="EldercareDbContext"/> builds its model from (the modules' assemblies and the personal-data
/// protector its encrypting converters use), carried in the context's options rather than its constructor: a pooled
/// context is constructed from its options alone, once, and then leased again and again.
/// </summary>
public sealed class EldercareModelExtension(ModelAssemblies assemblies, Privacy.PersonalDataProtector personalData) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? info;

    public ModelAssemblies Assemblies { get; } = assemblies;

    public Privacy.PersonalDataProtector PersonalData { get; } = personalData;

    public DbContextOptionsExtensionInfo Info => info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // No services: the model cache key (ModelCacheKeys) keeps one model per protector.
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => string.Empty;

        // It adds no internal services, so every instance may share EF's internal service provider.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}

public static class EldercareModelOptions
{
    /// <summary>The model's assemblies and personal-data protector, for <see cref="EldercareDbContext"/>.</summary>
    public static DbContextOptionsBuilder UseEldercareModel(this DbContextOptionsBuilder options, ModelAssemblies assemblies, Privacy.PersonalDataProtector personalData)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new EldercareModelExtension(assemblies, personalData));
        return options;
    }
}
