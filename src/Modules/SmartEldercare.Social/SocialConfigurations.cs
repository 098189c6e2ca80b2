using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Circle;
using SmartEldercare.Social.Volunteers;

namespace SmartEldercare.Social;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ToTable("Social_Activities", t => t.HasCheckConstraint("CK_Social_Activities_Capacity", "\"Enrolled\" >= 0 AND \"Enrolled\" <= \"Capacity\""));
        b.HasKey(x => x.Id);
        b.Property(x => x.Title).HasMaxLength(Activity.TitleMaxLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(Activity.TextMaxLength);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.VenueName).HasMaxLength(100);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Track).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsDigital);
        b.HasMany(x => x.Sessions).WithOne().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RegionCode, x.Track });
    }
}

internal sealed class ActivitySessionConfiguration : IEntityTypeConfiguration<ActivitySession>
{
    public void Configure(EntityTypeBuilder<ActivitySession> b)
    {
        b.ToTable("Social_Sessions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ActivityId, x.StartsAtUtc });
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ToTable("Social_Enrolments");
        b.HasKey(x => x.Id);
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.ActivityId, x.ElderId }).IsUnique();
        b.HasIndex(x => new { x.ActivityId, x.Status, x.WaitNumber });
        b.HasOne<Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("Social_Attendance");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Track).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.SessionId, x.ElderId }).IsUnique();
        b.HasIndex(x => new { x.RegionCode, x.Track });
        b.HasOne<ActivitySession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceResourceConfiguration : IEntityTypeConfiguration<ServiceResource>
{
    public void Configure(EntityTypeBuilder<ServiceResource> b)
    {
        b.ToTable("Social_Resources");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(ServiceResource.NameMaxLength).IsRequired();
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Address).HasMaxLength(ServiceResource.TextMaxLength);
        b.Property(x => x.Offers).HasMaxLength(ServiceResource.TextMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.RegionCode);
    }
}

internal sealed class CommunityPointConfiguration : IEntityTypeConfiguration<CommunityPoint>
{
    public void Configure(EntityTypeBuilder<CommunityPoint> b)
    {
        b.ToTable("Social_CommunityPoints");
        b.HasKey(x => x.RegionCode);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false);
    }
}

internal sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> b)
    {
        // The ledger's sum is never below zero, whatever the code above it does.
        b.ToTable("Social_Volunteers", t => t.HasCheckConstraint("CK_Social_Volunteers_Balance", "\"BalanceMinutes\" >= 0"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Volunteer.NameMaxLength).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(500);
        b.Property(x => x.Skills).HasMaxLength(Volunteer.TextMaxLength);
        b.Property(x => x.Availability).HasMaxLength(Volunteer.TextMaxLength);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.RegionCode);
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> b)
    {
        b.ToTable("Social_ServiceRecords");
        b.HasKey(x => x.Id);
        b.Property(x => x.VolunteerName).HasMaxLength(Volunteer.NameMaxLength);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Description).HasMaxLength(ServiceRecord.TextMaxLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.Property(x => x.ConfirmedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.VolunteerId, x.StartUtc });
        b.HasIndex(x => new { x.RegionCode, x.Status });
        b.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TimeBankEntryConfiguration : IEntityTypeConfiguration<TimeBankEntry>
{
    public void Configure(EntityTypeBuilder<TimeBankEntry> b)
    {
        b.ToTable("Social_TimeBank");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Note).HasMaxLength(TimeBankEntry.NoteMaxLength);
        b.Property(x => x.By).HasMaxLength(100);
        b.HasIndex(x => new { x.VolunteerId, x.AtUtc });
        // A confirmed service is earned once.
        b.HasIndex(x => x.ServiceRecordId).IsUnique();
        b.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitAssignmentConfiguration : IEntityTypeConfiguration<VisitAssignment>
{
    public void Configure(EntityTypeBuilder<VisitAssignment> b)
    {
        b.ToTable("Social_VisitAssignments");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.AssignedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.VisitId, x.VolunteerId }).IsUnique();
        b.HasIndex(x => x.VolunteerId);
        b.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VolunteerAssignmentConfiguration : IEntityTypeConfiguration<VolunteerAssignment>
{
    public void Configure(EntityTypeBuilder<VolunteerAssignment> b)
    {
        b.ToTable("Social_VolunteerAssignments");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.AssignedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.ActivityId, x.VolunteerId }).IsUnique();
        b.HasIndex(x => x.VolunteerId);
        b.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MealDayConfiguration : IEntityTypeConfiguration<Canteens.MealDay>
{
    public void Configure(EntityTypeBuilder<Canteens.MealDay> b)
    {
        b.ToTable("Social_MealDays", t => t.HasCheckConstraint("CK_Social_MealDays_Counts", "\"DineIn\" >= 0 AND \"Delivery\" >= 0"));
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.CanteenId, x.Date }).IsUnique();
        b.HasIndex(x => new { x.RegionCode, x.Date });
    }
}

internal sealed class SubsidisedMealConfiguration : IEntityTypeConfiguration<Canteens.SubsidisedMeal>
{
    public void Configure(EntityTypeBuilder<Canteens.SubsidisedMeal> b)
    {
        b.ToTable("Social_SubsidisedMeals");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.ElderRegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.ElderName).HasMaxLength(Elder.NameMaxLength);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.SubsidyGroup).HasMaxLength(20);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        // One subsidised meal per elder, day and mode: a second entry is a mistake, not a second lunch.
        b.HasIndex(x => new { x.ElderId, x.Date, x.Mode }).IsUnique();
        b.HasIndex(x => new { x.CanteenId, x.Date });
        b.HasIndex(x => x.HomeServiceOrderId);
    }
}

internal sealed class CharityConfiguration : IEntityTypeConfiguration<Charities.Charity>
{
    public void Configure(EntityTypeBuilder<Charities.Charity> b)
    {
        b.ToTable("Social_Charities");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Charities.Charity.NameMaxLength).IsRequired();
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Offers).HasMaxLength(Charities.Charity.TextMaxLength);
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.ContactPhone).HasMaxLength(500);
        b.HasIndex(x => x.RegionCode);
    }
}

internal sealed class CharityActivityConfiguration : IEntityTypeConfiguration<Charities.CharityActivity>
{
    public void Configure(EntityTypeBuilder<Charities.CharityActivity> b)
    {
        b.ToTable("Social_CharityActivities", t => t.HasCheckConstraint("CK_Social_CharityActivities_Beneficiaries", "\"Beneficiaries\" >= 0"));
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(Region.MaxCodeLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Title).HasMaxLength(Charities.Charity.NameMaxLength).IsRequired();
        b.Property(x => x.Notes).HasMaxLength(Charities.Charity.TextMaxLength);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.CharityId, x.Date });
        b.HasOne<Charities.Charity>().WithMany().HasForeignKey(x => x.CharityId).OnDelete(DeleteBehavior.Cascade);
    }
}
