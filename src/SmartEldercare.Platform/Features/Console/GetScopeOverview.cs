using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Console;

public sealed record ScopeOverview(
    string RegionCode,
    string RegionName,
    RegionLevel Level,
    int ActiveElders,
    int Aged80,
    int Aged90,
    int Aged100,
    IReadOnlyDictionary<ElderTag, int> ByTag,
    IReadOnlyList<SubRegionCount> SubRegions)
{
    /// <summary>The figures after a pushed change in a region of this scope (unchanged when the update carries no counts).</summary>
    public ScopeOverview With(Live.LiveUpdate update)
    {
        if (update.Counts is not { Count: > 0 } counts || !RegionScope.Contains(RegionCode, update.RegionCode))
        {
            return this;
        }

        int Delta(string name) => counts.GetValueOrDefault(name);
        return this with
        {
            ActiveElders = ActiveElders + Delta(ElderCounters.Active),
            Aged80 = Aged80 + Delta(ElderCounters.Aged80),
            Aged90 = Aged90 + Delta(ElderCounters.Aged90),
            Aged100 = Aged100 + Delta(ElderCounters.Aged100),
            ByTag = ByTag.ToDictionary(t => t.Key, t => t.Value + Delta(ElderCounters.Tag(t.Key))),
            SubRegions = [.. SubRegions.Select(r => RegionScope.Contains(r.Code, update.RegionCode)
                ? r with
                {
                    ActiveElders = r.ActiveElders + Delta(ElderCounters.Active),
                    LivingAlone = r.LivingAlone + Delta(ElderCounters.Tag(ElderTag.LivingAlone)),
                    Aged80 = r.Aged80 + Delta(ElderCounters.Aged80),
                }
                : r)],
        };
    }
}

public sealed record SubRegionCount(string Code, string Name, int ActiveElders, int LivingAlone, int Aged80);

/// <summary>The console's figures for the signed-in user's scope.</summary>
public static class GetScopeOverview
{
    public sealed record Query() : RequiresPermission(Permissions.EldersRead), IQuery<ScopeOverview>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, ScopeOverview>
    {
        public async ValueTask<ScopeOverview> Handle(Query query, CancellationToken cancellationToken)
        {
            var all = await regions.AllAsync(cancellationToken);
            var scope = all.GetValueOrDefault(user.RegionCode);
            var today = clock.Today();
            var born80 = today.AddYears(-80);
            var born90 = today.AddYears(-90);
            var born100 = today.AddYears(-100);
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            // One grouped pass per village; everything else is summed in memory (about a hundred rows).
            var rows = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Status == ElderStatus.Active)
                .GroupBy(e => new { e.RegionCode, e.KeyGroups })
                .Select(g => new
                {
                    g.Key.RegionCode,
                    g.Key.KeyGroups,
                    Count = g.Count(),
                    Aged80 = g.Count(e => e.BirthDate <= born80),
                    Aged90 = g.Count(e => e.BirthDate <= born90),
                    Aged100 = g.Count(e => e.BirthDate <= born100),
                })
                .ToListAsync(cancellationToken);

            var byTag = Enum.GetValues<ElderTag>().ToDictionary(t => t, t => t == ElderTag.VeryOld
                ? rows.Sum(r => r.Aged80)
                : rows.Where(r => r.KeyGroups.HasFlag(ElderTags.ToGroup(t))).Sum(r => r.Count));

            var childLength = user.RegionCode.Length == 6 ? 9 : 12;
            var subRegions = all.Values.Where(r => r.ParentCode == user.RegionCode).OrderBy(r => r.SortOrder)
                .Select(r =>
                {
                    var mine = rows.Where(x => x.RegionCode.Length >= childLength && x.RegionCode[..childLength] == r.Code).ToList();
                    return new SubRegionCount(r.Code, r.Name, mine.Sum(x => x.Count), mine.Where(x => x.KeyGroups.HasFlag(KeyGroups.LivingAlone)).Sum(x => x.Count), mine.Sum(x => x.Aged80));
                })
                .ToList();

            return new ScopeOverview(
                user.RegionCode, scope?.Name ?? user.RegionCode, scope?.Level ?? RegionLevel.Village,
                rows.Sum(r => r.Count), rows.Sum(r => r.Aged80), rows.Sum(r => r.Aged90), rows.Sum(r => r.Aged100),
                byTag, subRegions);
        }
    }
}
