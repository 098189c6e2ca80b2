using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Organisations;

namespace SmartEldercare.Facilities;

internal static class FacilityColumns
{
    public static void Scoped<T>(this EntityTypeBuilder<T> b) where T : class, IFacilityRecord
    {
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.HasIndex(x => x.RegionCode);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FacilityProfileConfiguration : IEntityTypeConfiguration<FacilityProfile>
{
    public void Configure(EntityTypeBuilder<FacilityProfile> b)
    {
        b.ToTable("Facilities_Profiles");
        b.HasKey(p => p.OrganisationId);
        b.Scoped();
        b.Property(p => p.LicenceNumber).HasMaxLength(FacilityProfile.TextMaxLength);
        b.Property(p => p.LicenceIssuer).HasMaxLength(FacilityProfile.TextMaxLength);
        b.Property(p => p.Services).HasMaxLength(FacilityProfile.ServicesMaxLength);
        b.Property(p => p.ContactName).HasMaxLength(FacilityProfile.TextMaxLength);
        b.Property(p => p.ContactPhone).HasMaxLength(30);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class BedConfiguration : IEntityTypeConfiguration<Bed>
{
    public void Configure(EntityTypeBuilder<Bed> b)
    {
        b.ToTable("Facilities_Beds");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.Code).HasMaxLength(Bed.CodeMaxLength).IsRequired();
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.OrganisationId, x.Code }).IsUnique();
        // An elder lies in one bed at most, anywhere in the district.
        b.HasIndex(x => x.ResidentElderId).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ResidencyConfiguration : IEntityTypeConfiguration<Residency>
{
    public void Configure(EntityTypeBuilder<Residency> b)
    {
        b.ToTable("Facilities_Residencies");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.DischargeReason).HasMaxLength(Residency.ReasonMaxLength);
        b.HasIndex(x => new { x.ElderId, x.AdmittedOn });
        b.HasOne<Bed>().WithMany().HasForeignKey(x => x.BedId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.ToTable("Facilities_Staff");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.Name).HasMaxLength(StaffMember.NameMaxLength).IsRequired();
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Certificate).HasMaxLength(StaffMember.CertificateMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganisationId, x.Active });
    }
}

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> b)
    {
        b.ToTable("Facilities_Shifts");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(x => new { x.StaffId, x.Date, x.Kind }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.Date });
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CareRatioConfiguration : IEntityTypeConfiguration<CareRatio>
{
    public void Configure(EntityTypeBuilder<CareRatio> b)
    {
        b.ToTable("Facilities_CareRatios");
        b.HasKey(x => x.CareLevel);
        b.Property(x => x.CareLevel).ValueGeneratedNever();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ChecklistTemplateConfiguration : IEntityTypeConfiguration<ChecklistTemplate>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplate> b)
    {
        b.ToTable("Facilities_Templates");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(ChecklistTemplate.NameMaxLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ItemsText).HasMaxLength(ChecklistTemplate.ItemsMaxLength).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Items);
        b.HasData(ChecklistTemplate.Defaults());
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("Facilities_Inspections");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.TemplateName).HasMaxLength(ChecklistTemplate.NameMaxLength).IsRequired();
        b.Property(x => x.InspectorName).HasMaxLength(50).IsRequired();
        b.Property(x => x.Notes).HasMaxLength(Inspection.NotesMaxLength);
        b.HasIndex(x => new { x.OrganisationId, x.InspectedAtUtc });
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HazardConfiguration : IEntityTypeConfiguration<Hazard>
{
    public void Configure(EntityTypeBuilder<Hazard> b)
    {
        b.ToTable("Facilities_Hazards");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.ChecklistItem).HasMaxLength(Hazard.TextMaxLength);
        b.Property(x => x.Description).HasMaxLength(Hazard.TextMaxLength).IsRequired();
        b.Property(x => x.Risk).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.FixNote).HasMaxLength(Hazard.TextMaxLength);
        b.Property(x => x.FixedBy).HasMaxLength(50);
        b.Property(x => x.VerifiedBy).HasMaxLength(50);
        b.Property(x => x.ReopenNote).HasMaxLength(Hazard.TextMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganisationId, x.Status });
        b.HasIndex(x => new { x.Status, x.DeadlineUtc });
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.ToTable("Facilities_Evidence");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.Of).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.FileName).HasMaxLength(EvidenceFile.FileNameMaxLength).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(50).IsUnicode(false).IsRequired();
        b.Property(x => x.UploadedBy).HasMaxLength(50);
        b.HasIndex(x => x.OwnerId);
    }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("Facilities_Complaints");
        b.HasKey(x => x.Id);
        b.Scoped();
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Severity).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.ReferenceNumber).HasMaxLength(50);
        b.Property(x => x.Summary).HasMaxLength(Complaint.TextMaxLength).IsRequired();
        b.Property(x => x.ComplainantName).HasMaxLength(Complaint.NameMaxLength);
        b.Property(x => x.Handling).HasMaxLength(4000);
        b.Property(x => x.HandledBy).HasMaxLength(50);
        b.Property(x => x.Resolution).HasMaxLength(Complaint.TextMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganisationId, x.Status });
    }
}
