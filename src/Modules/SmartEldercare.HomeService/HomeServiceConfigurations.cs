using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService;

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> b)
    {
        b.ToTable("HomeService_Items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Code).HasMaxLength(ServiceItem.CodeMaxLength).IsUnicode(false).IsRequired();
        b.HasIndex(i => i.Code).IsUnique();
        b.Property(i => i.Name).HasMaxLength(ServiceItem.NameMaxLength).IsRequired();
        b.Property(i => i.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Unit).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Checklist).HasMaxLength(ServiceItem.ChecklistMaxLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.Tasks);
    }
}

internal sealed class ProviderOfferingConfiguration : IEntityTypeConfiguration<ProviderOffering>
{
    public void Configure(EntityTypeBuilder<ProviderOffering> b)
    {
        b.ToTable("HomeService_Offerings");
        b.HasKey(o => o.Id);
        b.Property(o => o.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => new { o.ProviderId, o.ItemId }).IsUnique();
        b.HasIndex(o => new { o.ItemId, o.RegionCode });
        b.HasOne<ServiceItem>().WithMany().HasForeignKey(o => o.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EntitlementRuleConfiguration : IEntityTypeConfiguration<EntitlementRule>
{
    public void Configure(EntityTypeBuilder<EntitlementRule> b)
    {
        b.ToTable("HomeService_EntitlementRules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(EntitlementRule.NameMaxLength).IsRequired();
        b.Property(r => r.Group).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class EntitlementBalanceConfiguration : IEntityTypeConfiguration<EntitlementBalance>
{
    public void Configure(EntityTypeBuilder<EntitlementBalance> b)
    {
        b.ToTable("HomeService_Balances");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.RuleName).HasMaxLength(EntitlementRule.NameMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Remaining);
        // One balance per elder and month, whatever the races.
        b.HasIndex(x => new { x.ElderId, x.Month }).IsUnique();
    }
}

internal sealed class ServiceOrderConfiguration : IEntityTypeConfiguration<ServiceOrder>
{
    public void Configure(EntityTypeBuilder<ServiceOrder> b)
    {
        b.ToTable("HomeService_Orders");
        b.HasKey(o => o.Id);
        b.Property(o => o.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(o => o.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Status).HasConversion<int>();
        b.Property(o => o.Flags).HasConversion<int>();
        b.Property(o => o.CheckInMethod).HasConversion<string>().HasMaxLength(10);
        b.Property(o => o.DurationReason).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Note).HasMaxLength(ServiceOrder.NoteMaxLength);
        b.Property(o => o.DurationNote).HasMaxLength(ServiceOrder.NoteMaxLength);
        b.Property(o => o.WorkerNotes).HasMaxLength(ServiceOrder.NoteMaxLength);
        b.Property(o => o.TasksDone).HasMaxLength(ServiceItem.ChecklistMaxLength);
        b.Property(o => o.RequestedBy).HasMaxLength(50).IsRequired();
        b.Property(o => o.DispatchedBy).HasMaxLength(50);
        b.Property(o => o.VerifiedBy).HasMaxLength(50);
        b.Property(o => o.WorkerName).HasMaxLength(50);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.IsOpen);
        b.Ignore(o => o.AwaitsCheckIn);
        b.HasMany(o => o.Steps).WithOne().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<ServiceItem>().WithMany().HasForeignKey(o => o.ItemId).OnDelete(DeleteBehavior.Restrict);
        // The board (open orders of a scope by window), supervision's due list, a worker's day, a provider's and an elder's month.
        b.HasIndex(o => new { o.Status, o.RegionCode, o.WindowStartUtc });
        b.HasIndex(o => new { o.Status, o.WindowStartUtc });
        b.HasIndex(o => new { o.WorkerId, o.ServiceDate });
        b.HasIndex(o => new { o.ProviderId, o.Month });
        b.HasIndex(o => new { o.ElderId, o.Month });
        b.HasIndex(o => new { o.RegionCode, o.Month });
        // Self-paid parts still to collect (due, no card, insufficient): the collector's and the street's list.
        b.HasIndex(o => new { o.SelfPay, o.SelfPayCheckedAtUtc });
        // A plan makes at most one order a day, whatever the races between instances.
        b.HasIndex(o => new { o.PlanId, o.ServiceDate }).IsUnique();
    }
}

internal sealed class OrderStepConfiguration : IEntityTypeConfiguration<OrderStep>
{
    public void Configure(EntityTypeBuilder<OrderStep> b)
    {
        b.ToTable("HomeService_OrderSteps");
        b.HasKey(s => s.Id);
        b.Property(s => s.Action).HasMaxLength(30).IsUnicode(false).IsRequired();
        b.Property(s => s.Actor).HasMaxLength(50).IsRequired();
        b.Property(s => s.Note).HasMaxLength(ServiceOrder.NoteMaxLength);
    }
}

internal sealed class ElderHomeConfiguration : IEntityTypeConfiguration<ElderHome>
{
    public void Configure(EntityTypeBuilder<ElderHome> b)
    {
        b.ToTable("HomeService_Homes");
        b.HasKey(h => h.ElderId);
        b.Property(h => h.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(h => h.QrToken).HasMaxLength(ElderHome.TokenLength).IsUnicode(false).IsRequired();
        b.HasIndex(h => h.QrToken).IsUnique();
        b.Property(h => h.Version).IsConcurrencyToken();
        b.Ignore(h => h.Coordinates);
    }
}

internal sealed class HospitalStayConfiguration : IEntityTypeConfiguration<HospitalStay>
{
    public void Configure(EntityTypeBuilder<HospitalStay> b)
    {
        b.ToTable("HomeService_HospitalStays");
        b.HasKey(h => h.Id);
        b.Property(h => h.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(h => h.Note).HasMaxLength(HospitalStay.NoteMaxLength);
        b.Property(h => h.RecordedBy).HasMaxLength(50).IsRequired();
        b.HasIndex(h => new { h.ElderId, h.From });
    }
}

internal sealed class ServicePlanConfiguration : IEntityTypeConfiguration<ServicePlan>
{
    public void Configure(EntityTypeBuilder<ServicePlan> b)
    {
        b.ToTable("HomeService_Plans");
        b.HasKey(p => p.Id);
        b.Property(p => p.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(p => p.Days).HasConversion<int>();
        b.Property(p => p.CreatedBy).HasMaxLength(50).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.Active, p.RegionCode });
        b.HasIndex(p => p.ElderId);
        b.HasOne<ServiceItem>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.ToTable("HomeService_FollowUps");
        b.HasKey(f => f.Id);
        b.Property(f => f.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(f => f.Comment).HasMaxLength(FollowUp.CommentMaxLength);
        b.Property(f => f.RecordedBy).HasMaxLength(50).IsRequired();
        b.HasIndex(f => f.OrderId).IsUnique();
        b.HasIndex(f => new { f.ProviderId, f.RecordedAtUtc });
        b.HasOne<ServiceOrder>().WithMany().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SettlementConfiguration : IEntityTypeConfiguration<Settlement>
{
    public void Configure(EntityTypeBuilder<Settlement> b)
    {
        b.ToTable("HomeService_Settlements");
        b.HasKey(s => s.Id);
        b.Property(s => s.ProviderName).HasMaxLength(100).IsRequired();
        b.Property(s => s.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(s => s.Status).HasConversion<int>();
        b.Property(s => s.GeneratedBy).HasMaxLength(50).IsRequired();
        b.Property(s => s.StreetApprovedBy).HasMaxLength(50);
        b.Property(s => s.DistrictApprovedBy).HasMaxLength(50);
        b.Property(s => s.Version).IsConcurrencyToken();
        // Generating a month twice finds the first: one settlement per provider and month.
        b.HasIndex(s => new { s.ProviderId, s.Month }).IsUnique();
        b.HasIndex(s => new { s.RegionCode, s.Month });
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SettlementId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SettlementLineConfiguration : IEntityTypeConfiguration<SettlementLine>
{
    public void Configure(EntityTypeBuilder<SettlementLine> b)
    {
        b.ToTable("HomeService_SettlementLines");
        b.HasKey(l => l.Id);
        b.Property(l => l.ElderName).HasMaxLength(50).IsRequired();
        b.Property(l => l.RegionName).HasMaxLength(50).IsRequired();
        b.Property(l => l.ItemName).HasMaxLength(ServiceItem.NameMaxLength).IsRequired();
        b.Property(l => l.Exclusion).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(l => l.OrderId);
    }
}
