using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Devices;

namespace SmartEldercare.Emergency;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.ToTable("Emergency_Devices");
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(Device.CodeMaxLength).IsUnicode(false).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(d => d.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(d => d.Secret).IsRequired();
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.LowBattery);
        b.HasIndex(d => new { d.RegionCode, d.Kind });
        b.HasIndex(d => d.ElderId);
        // The heartbeat check reads only devices past their silence deadline.
        b.HasIndex(d => new { d.Enabled, d.Offline, d.SilentAfterUtc });
    }
}

internal sealed class DeviceEventConfiguration : IEntityTypeConfiguration<DeviceEvent>
{
    public void Configure(EntityTypeBuilder<DeviceEvent> b)
    {
        b.ToTable("Emergency_DeviceEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.EventId).HasMaxLength(DeviceEvent.EventIdMaxLength).IsUnicode(false).IsRequired();
        b.Property(e => e.Type).HasMaxLength(20).IsUnicode(false).IsRequired();
        b.Property(e => e.Readings).HasMaxLength(4000);
        // Idempotency: one row per device and event id, whatever the races.
        b.HasIndex(e => new { e.DeviceId, e.EventId }).IsUnique();
        b.HasOne<Device>().WithMany().HasForeignKey(e => e.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlarmConfiguration : IEntityTypeConfiguration<Alarm>
{
    public void Configure(EntityTypeBuilder<Alarm> b)
    {
        b.ToTable("Emergency_Alarms");
        b.HasKey(a => a.Id);
        b.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Priority).HasConversion<int>();
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Status).HasConversion<int>();
        b.Property(a => a.Tier).HasConversion<int>();
        b.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(a => a.AcknowledgedBy).HasMaxLength(50);
        b.Property(a => a.ResponderName).HasMaxLength(50);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.IsOpen);
        b.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.AlarmId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The queue (open alarms of a scope, newest first), the ladder's due list, an elder's recent alarms, KPIs by month.
        b.HasIndex(a => new { a.Status, a.RegionCode, a.RaisedAtUtc });
        b.HasIndex(a => new { a.Status, a.EscalatesAtUtc });
        b.HasIndex(a => new { a.ElderId, a.RaisedAtUtc });
        b.HasIndex(a => new { a.RegionCode, a.RaisedAtUtc });
        b.HasIndex(a => new { a.DeviceId, a.Type, a.Status });
        b.HasIndex(a => new { a.Outcome, a.ClosedAtUtc }); // the health department's feed of hospital transfers
        // The dashboard: alarms of a day or a month across a scope, covering (the month's acknowledged-within-60 s share).
        b.HasIndex(a => new { a.RaisedAtUtc, a.RegionCode, a.Priority, a.Status, a.AcknowledgedAtUtc });
    }
}

internal sealed class AlarmStepConfiguration : IEntityTypeConfiguration<AlarmStep>
{
    public void Configure(EntityTypeBuilder<AlarmStep> b)
    {
        b.ToTable("Emergency_AlarmSteps");
        b.HasKey(s => s.Id);
        b.Property(s => s.Action).HasMaxLength(30).IsUnicode(false).IsRequired();
        b.Property(s => s.Actor).HasMaxLength(50).IsRequired();
        b.Property(s => s.Note).HasMaxLength(Alarm.NoteMaxLength);
    }
}
