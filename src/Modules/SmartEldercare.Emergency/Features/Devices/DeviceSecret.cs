
namespace SmartEldercare.Emergency.Features.Devices;

/// <summary>The secret is shown once, here; only its owner's device and the platform (encrypted) keep it.</summary>
public sealed record DeviceSecret(Guid Id, string Code, string Secret);
