using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Persistence;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("Platform_Regions");
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(Region.MaxCodeLength).IsUnicode(false);
        b.Property(r => r.Name).HasMaxLength(50).IsRequired();
        b.Property(r => r.ParentCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false);
        b.HasIndex(r => r.ParentCode);
    }
}

internal sealed class ElderConfiguration : IEntityTypeConfiguration<Elder>
{
    private static readonly string[] NamePrefixOperators = ["varchar_ops", "int4_ops", "varchar_pattern_ops", "uuid_ops"];

    public void Configure(EntityTypeBuilder<Elder> b)
    {
        b.ToTable("Platform_Elders");
        b.HasKey(e => e.Id);
        b.Property(e => e.Name).HasMaxLength(Elder.NameMaxLength).IsRequired();
        b.Property(e => e.IdNumber).IsRequired();
        b.Property(e => e.IdNumberHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        b.Property(e => e.PhoneHash).HasMaxLength(64).IsUnicode(false);
        b.Property(e => e.IdNumberTail).HasMaxLength(4).IsUnicode(false).IsRequired();
        b.Property(e => e.PhoneTail).HasMaxLength(4).IsUnicode(false);
        b.Property(e => e.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Region>().WithMany().HasForeignKey(e => e.RegionCode).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.StreetCode).HasMaxLength(9).IsUnicode(false).IsRequired();
        b.Property(e => e.DistrictCode).HasMaxLength(6).IsUnicode(false).IsRequired();
        b.HasIndex(e => e.IdNumberHash).IsUnique();
        b.HasIndex(e => e.PhoneHash);

        // One index per scope level: equality on the level, then the list's default order, then the filter columns,
        // so page 1 is an ordered index walk and the count an index-only scan (measured by bench/).
        b.HasIndex(e => new { e.DistrictCode, e.Status, e.Name, e.Id, e.KeyGroups, e.BirthDate, e.CareLevel }).HasDatabaseName("IX_Platform_Elders_District_List");
        // (DistrictCode last: the scope filter repeats it, see ElderScope, and it must not force a table read.)
        b.HasIndex(e => new { e.StreetCode, e.Status, e.Name, e.Id, e.KeyGroups, e.BirthDate, e.CareLevel, e.DistrictCode }).HasDatabaseName("IX_Platform_Elders_Street_List");
        b.HasIndex(e => new { e.RegionCode, e.Status, e.Name, e.Id, e.KeyGroups, e.BirthDate, e.CareLevel, e.DistrictCode }).HasDatabaseName("IX_Platform_Elders_Village_List");
        // The list's other orders (by age, by region; by last change through the API) at district and street level, both
        // directions (the handler's tie-breaker follows the direction, so a descending order is the index walked
        // backwards): a click on a column header or a far page is an index walk, not a sort of the scope's 200,000 rows.
        b.HasIndex(e => new { e.DistrictCode, e.Status, e.BirthDate, e.Id }).HasDatabaseName("IX_Platform_Elders_District_Age");
        b.HasIndex(e => new { e.StreetCode, e.Status, e.BirthDate, e.Id, e.DistrictCode }).HasDatabaseName("IX_Platform_Elders_Street_Age");
        b.HasIndex(e => new { e.DistrictCode, e.Status, e.RegionCode, e.Name, e.Id }).HasDatabaseName("IX_Platform_Elders_District_Region");
        b.HasIndex(e => new { e.StreetCode, e.Status, e.RegionCode, e.Name, e.Id, e.DistrictCode }).HasDatabaseName("IX_Platform_Elders_Street_Region");
        b.HasIndex(e => new { e.DistrictCode, e.Status, e.UpdatedAtUtc, e.Id }).HasDatabaseName("IX_Platform_Elders_District_Updated");
        b.HasIndex(e => new { e.StreetCode, e.Status, e.UpdatedAtUtc, e.Id, e.DistrictCode }).HasDatabaseName("IX_Platform_Elders_Street_Updated");
        // A care level (a fifth of the elders or far fewer) with an age band: equality on the level, a range on the birth
        // date, and the name and id to sort the few thousand matches without reading the table (SearchElders).
        b.HasIndex(e => new { e.DistrictCode, e.Status, e.CareLevel, e.BirthDate, e.Name, e.Id, e.KeyGroups }).HasDatabaseName("IX_Platform_Elders_District_Care");
        b.HasIndex(e => new { e.StreetCode, e.Status, e.CareLevel, e.BirthDate, e.Name, e.Id, e.KeyGroups, e.DistrictCode }).HasDatabaseName("IX_Platform_Elders_Street_Care");
        // Name-prefix search (LIKE 'x%') on PostgreSQL needs pattern operators under a non-C collation; elsewhere
        // this is a plain index (SQLite searches prefixes as ranges on the list indexes, SQL Server's LIKE uses them).
        b.HasIndex(e => new { e.DistrictCode, e.Status, e.Name, e.Id }).HasDatabaseName("IX_Platform_Elders_NamePrefix")
            .HasAnnotation("Npgsql:IndexOperators", NamePrefixOperators);
        b.HasIndex(e => e.IdNumberTail);
        b.HasIndex(e => e.PhoneTail);
        b.OwnsMany(e => e.EmergencyContacts, c =>
        {
            c.ToTable("Platform_ElderContacts");
            c.WithOwner().HasForeignKey("ElderId");
            c.HasKey(x => x.Id);
            c.Property(x => x.Name).HasMaxLength(Elder.NameMaxLength).IsRequired();
            c.Property(x => x.Relation).HasMaxLength(20).IsRequired();
            c.Property(x => x.Phone).IsRequired();
        });
        b.Navigation(e => e.EmergencyContacts).AutoInclude(false);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("Platform_Organisations");
        b.HasKey(o => o.Id);
        b.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        b.Property(o => o.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(o => o.Address).HasMaxLength(200);
        b.Property(o => o.ContactName).HasMaxLength(50);
        b.Property(o => o.ContactPhone).HasMaxLength(20).IsUnicode(false);
        b.Property(o => o.LicenceNumber).HasMaxLength(50);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.RegionCode, o.Type });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Auditing.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Auditing.AuditEntry> b)
    {
        b.ToTable("Platform_AuditTrail");
        b.HasKey(a => a.Sequence);
        b.Property(a => a.Sequence).ValueGeneratedNever();
        b.Property(a => a.UserName).HasMaxLength(256).IsRequired();
        b.Property(a => a.IpAddress).HasMaxLength(64).IsUnicode(false);
        b.Property(a => a.Action).HasMaxLength(100).IsUnicode(false).IsRequired();
        b.Property(a => a.RecordId).HasMaxLength(64).IsUnicode(false);
        b.Property(a => a.Detail).HasMaxLength(500);
        b.Property(a => a.PreviousHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        b.Property(a => a.Hash).HasMaxLength(64).IsUnicode(false).IsRequired();
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.UserName, a.AtUtc });
        b.HasIndex(a => a.RecordId);
    }
}

internal sealed class LiveEventConfiguration : IEntityTypeConfiguration<Live.LiveEvent>
{
    public void Configure(EntityTypeBuilder<Live.LiveEvent> b)
    {
        b.ToTable("Platform_LiveEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(e => e.Topic).HasMaxLength(64).IsUnicode(false).IsRequired();
        b.Property(e => e.RecordId).HasMaxLength(64).IsUnicode(false);
        b.HasIndex(e => new { e.RegionCode, e.AtUtc });
        b.HasIndex(e => e.AtUtc);
    }
}
