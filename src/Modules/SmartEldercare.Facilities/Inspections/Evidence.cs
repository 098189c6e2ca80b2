namespace SmartEldercare.Facilities.Inspections;

public enum EvidenceOf
{
    Inspection,
    HazardFix,
}

/// <summary>A photo or PDF kept as evidence of an inspection or a fix; the bytes are a file named by <see cref="Id"/>.</summary>
public sealed class EvidenceFile : IFacilityRecord
{
    public const int FileNameMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public EvidenceOf Of { get; init; }

    /// <summary>The inspection or hazard.</summary>
    public Guid OwnerId { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public long Size { get; init; }

    public DateTime UploadedAtUtc { get; init; }

    public string? UploadedBy { get; init; }
}

/// <summary>An uploaded file as the command carries it.</summary>
/// <param name="FileName">The name the user's file had (shown, never used as a path).</param>
/// <param name="Content">The bytes.</param>
public sealed record Upload(string FileName, byte[] Content);

/// <summary>What is accepted as evidence: images (JPEG, PNG, GIF, WebP) and PDF up to 10 MB, judged by the content's signature.</summary>
public static class EvidenceRules
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 5;

    /// <summary>The content type the bytes really are, or null when they are none of the accepted kinds.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return content.StartsWith("%PDF-"u8) ? "application/pdf" : null;
    }

    /// <summary>Null when acceptable, else the text key of the reason.</summary>
    public static string? Problem(Upload upload) =>
        upload.Content.Length == 0 ? "Facilities.Evidence.Empty"
        : upload.Content.LongLength > MaxBytes ? "Facilities.Evidence.TooLarge"
        : ContentTypeOf(upload.Content) is null ? "Facilities.Evidence.WrongType"
        : null;

    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return name.Length > EvidenceFile.FileNameMaxLength ? name[^EvidenceFile.FileNameMaxLength..] : name;
    }
}

/// <summary>Evidence bytes under a configured directory (<c>Facilities:EvidenceDirectory</c>), one file per id.</summary>
public sealed class EvidenceStore(FacilitiesOptions options)
{
    private string PathOf(Guid id) => Path.Combine(options.EvidenceDirectory, id.ToString("N"));

    public async Task SaveAsync(Guid id, byte[] content, CancellationToken ct)
    {
        Directory.CreateDirectory(options.EvidenceDirectory);
        await File.WriteAllBytesAsync(PathOf(id), content, ct);
    }

    public async Task<byte[]?> ReadAsync(Guid id, CancellationToken ct) =>
        File.Exists(PathOf(id)) ? await File.ReadAllBytesAsync(PathOf(id), ct) : null;

    /// <summary>For a transaction that failed after the files were written.</summary>
    public void Delete(Guid id)
    {
        try
        {
            File.Delete(PathOf(id));
        }
        catch (IOException)
        {
            // An orphan file without a record is harmless: nothing points to it.
        }
    }
}
