using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare;

internal sealed class AllowanceBandConfiguration : IEntityTypeConfiguration<AllowanceBand>
{
    public void Configure(EntityTypeBuilder<AllowanceBand> b)
    {
        b.ToTable("Welfare_AllowanceBands");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.FromAge).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class AllowanceListConfiguration : IEntityTypeConfiguration<AllowanceList>
{
    public void Configure(EntityTypeBuilder<AllowanceList> b)
    {
        b.ToTable("Welfare_AllowanceLists");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.HasIndex(x => new { x.Month, x.RegionCode }).IsUnique();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.GeneratedBy).HasMaxLength(100);
        b.Property(x => x.VillageApprovedBy).HasMaxLength(100);
        b.Property(x => x.StreetApprovedBy).HasMaxLength(100);
        b.Property(x => x.DistrictApprovedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AllowanceLineConfiguration : IEntityTypeConfiguration<AllowanceLine>
{
    public void Configure(EntityTypeBuilder<AllowanceLine> b)
    {
        b.ToTable("Welfare_AllowanceLines");
        b.HasKey(x => x.Id);
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.IdNumberTail).HasMaxLength(8).IsUnicode(false);
        b.HasIndex(x => new { x.ListId, x.ElderId }).IsUnique();
        b.HasIndex(x => x.ElderId);
    }
}

internal sealed class OverpaymentConfiguration : IEntityTypeConfiguration<Overpayment>
{
    public void Configure(EntityTypeBuilder<Overpayment> b)
    {
        b.ToTable("Welfare_Overpayments");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.LineId).IsUnique();
        b.HasIndex(x => new { x.RegionCode, x.Month });
    }
}

internal sealed class AwayPeriodConfiguration : IEntityTypeConfiguration<Away.AwayPeriod>
{
    public void Configure(EntityTypeBuilder<Away.AwayPeriod> b)
    {
        b.ToTable("Welfare_AwayPeriods");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Note).HasMaxLength(Away.AwayPeriod.NoteMaxLength);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.ElderId, x.From });
        b.HasIndex(x => new { x.RegionCode, x.To });
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visits.Visit>
{
    public void Configure(EntityTypeBuilder<Visits.Visit> b)
    {
        b.ToTable("Welfare_Visits");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.AssignedToName).HasMaxLength(100);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.Property(x => x.Tier).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Health).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Mood).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.HomeSafety).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Needs).HasMaxLength(Visits.Visit.TextMaxLength);
        b.Property(x => x.Notes).HasMaxLength(Visits.Visit.TextMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Two scheduler runs (two instances) never plan the same visit twice.
        b.HasIndex(x => new { x.ElderId, x.Reason, x.DueDate }).IsUnique();
        b.HasIndex(x => new { x.Status, x.RegionCode, x.DueDate });
        b.HasIndex(x => new { x.RegionCode, x.VisitedOn });
    }
}

internal sealed class WelfareCheckConfiguration : IEntityTypeConfiguration<Watch.WelfareCheck>
{
    public void Configure(EntityTypeBuilder<Watch.WelfareCheck> b)
    {
        b.ToTable("Welfare_Checks");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.ClosedBy).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(Watch.WelfareCheck.NoteMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Status, x.EscalateAtUtc });
        b.HasIndex(x => new { x.RegionCode, x.Status });
        b.HasIndex(x => new { x.ElderId, x.Status });
    }
}

internal sealed class WatchThresholdConfiguration : IEntityTypeConfiguration<Watch.WatchThreshold>
{
    public void Configure(EntityTypeBuilder<Watch.WatchThreshold> b)
    {
        b.ToTable("Welfare_WatchThresholds");
        b.HasKey(x => x.ElderId);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
    }
}
