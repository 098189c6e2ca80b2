using FluentValidation;
using SmartEldercare.Facilities.Inspections;

namespace SmartEldercare.Facilities.Features.Inspections;

/// <summary>The evidence rules as a validator rule: each file an image or PDF by its content, at most 10 MB, at most five.</summary>
internal static class EvidenceValidation
{
    public static void Files<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<Upload>>> files, IStringLocalizer l)
    {
        validator.RuleFor(files).Must(f => f is null || f.Count() <= EvidenceRules.MaxFiles).WithMessage(l["Facilities.Evidence.TooMany", EvidenceRules.MaxFiles]);
        validator.RuleForEach(files).Custom((upload, context) =>
        {
            if (upload is null || EvidenceRules.Problem(upload) is { } problem)
            {
                context.AddFailure(l[upload is null ? "Facilities.Evidence.Empty" : EvidenceRules.Problem(upload)!, upload?.FileName ?? string.Empty]);
            }
        });
    }

    /// <summary>Writes the files, then adds their records to <paramref name="db"/> (saved with the caller's change).</summary>
    public static async Task<List<Guid>> StoreAsync(EvidenceStore store, EldercareDbContext db, IReadOnlyList<Upload>? uploads, IFacilityRecord owner, EvidenceOf of, Guid ownerId,
        string by, DateTime now, CancellationToken ct)
    {
        var written = new List<Guid>();
        foreach (var upload in uploads ?? [])
        {
            var file = new EvidenceFile
            {
                OrganisationId = owner.OrganisationId, RegionCode = owner.RegionCode, Of = of, OwnerId = ownerId, FileName = EvidenceRules.SafeName(upload.FileName),
                ContentType = EvidenceRules.ContentTypeOf(upload.Content)!, Size = upload.Content.LongLength, UploadedAtUtc = now, UploadedBy = by,
            };
            await store.SaveAsync(file.Id, upload.Content, ct);
            written.Add(file.Id);
            db.Add(file);
        }

        return written;
    }
}
