using Microsoft.AspNetCore.Identity;

namespace SmartEldercare.Platform.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The user's data scope: one region code; access is a prefix match.</summary>
    public string RegionCode { get; set; } = string.Empty;

    public Guid? OrganisationId { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions, circuits and tokens end within a minute.</summary>
    public bool IsDisabled { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() => Id = Guid.CreateVersion7();

    public AppRole(string name) : this() => Name = name;
}
