using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.HealthLink.Partners;

namespace SmartEldercare.HealthLink;

internal sealed class PartnerClientConfiguration : IEntityTypeConfiguration<PartnerClient>
{
    public void Configure(EntityTypeBuilder<PartnerClient> b)
    {
        b.ToTable("HealthLink_PartnerClients");
        b.HasKey(x => x.Id);
        b.Property(x => x.ClientId).HasMaxLength(PartnerClient.ClientIdMaxLength).IsUnicode(false).IsRequired();
        b.HasIndex(x => x.ClientId).IsUnique();
        b.Property(x => x.Name).HasMaxLength(PartnerClient.NameMaxLength).IsRequired();
        b.Property(x => x.SecretHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class PartnerEventConfiguration : IEntityTypeConfiguration<PartnerEvent>
{
    public void Configure(EntityTypeBuilder<PartnerEvent> b)
    {
        b.ToTable("HealthLink_PartnerEvents");
        b.HasKey(x => x.Id);
        b.Property(x => x.ClientId).HasMaxLength(PartnerClient.ClientIdMaxLength).IsUnicode(false).IsRequired();
        b.Property(x => x.EventId).HasMaxLength(PartnerEvent.EventIdMaxLength).IsUnicode(false).IsRequired();
        b.HasIndex(x => new { x.ClientId, x.EventId }).IsUnique();
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.IdNumberHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        b.Property(x => x.IdNumberTail).HasMaxLength(4).IsUnicode(false).IsRequired();
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false);
        b.Property(x => x.Facility).HasMaxLength(PartnerEvent.FacilityMaxLength);
        b.Property(x => x.Doctor).HasMaxLength(PartnerEvent.DoctorMaxLength);
        b.Property(x => x.Note).HasMaxLength(PartnerEvent.NoteMaxLength);
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.ReviewNote).HasMaxLength(PartnerEvent.NoteMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Status, x.RegionCode, x.ReceivedAtUtc });
        b.HasIndex(x => new { x.ElderId, x.Type });
    }
}
