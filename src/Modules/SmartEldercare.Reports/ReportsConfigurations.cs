using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports;

internal sealed class ReportRunConfiguration : IEntityTypeConfiguration<ReportRun>
{
    public void Configure(EntityTypeBuilder<ReportRun> b)
    {
        b.ToTable("Reports_Runs");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(ReportRun.KindMaxLength).IsUnicode(false).IsRequired();
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RequestedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.AutoKey).HasMaxLength(80).IsUnicode(false);
        b.HasIndex(x => x.AutoKey).IsUnique();
        b.Property(x => x.Error).HasMaxLength(ReportRun.ErrorMaxLength);
        b.HasIndex(x => new { x.RegionCode, x.CreatedAtUtc });
        b.HasIndex(x => x.Status);
    }
}
