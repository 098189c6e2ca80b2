using Microsoft.EntityFrameworkCore;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Regions;

/// <summary>
/// Reference data: 西青区, its ten streets/towns (statistical division codes) and their villages/communities.
/// Applied idempotently at every start, so a production database gets it too.
/// </summary>
public static class RegionCatalog
{
    public const string DistrictCode = "120111";
    public const string YangliuqingCode = "120111100";
    public const string ZhongbeiCode = "120111101";
    public const string YinglunMingyuanCode = "120111100001";
    public const string XihuayuanCode = "120111101001";

    private static readonly (string Code, string Name, string[] Communities, string[] Villages)[] Streets =
    [
        ("120111001", "西营门街", ["康华里社区", "育贤里社区", "南院社区", "光明社区", "保山道社区"], ["西营门村"]),
        ("120111002", "李七庄街", ["凌奥社区", "西园里社区", "王兰庄社区", "富力城社区", "海泰社区"], ["李七庄村"]),
        ("120111003", "赤龙南街", ["赤龙南社区", "新苑社区", "西苑社区", "兴旺社区", "赤龙北社区"], []),
        (YangliuqingCode, "杨柳青镇", ["英伦名苑社区", "柳霞园社区", "御河湾社区", "青致园社区", "文明里社区"], ["白滩寺村", "十二堡村", "大柳滩村"]),
        (ZhongbeiCode, "中北镇", ["溪华苑社区", "万卉园社区", "天鹅湖社区", "星河园社区"], ["曹庄村", "中北斜村", "大卞庄村"]),
        ("120111105", "张家窝镇", ["知景澜园社区", "馨悦园社区"], ["张家窝村", "田丽村", "小沙窝村", "西闸村"]),
        ("120111102", "精武镇", ["精武苑社区"], ["大南河村", "付村", "小南河村", "宁家房子村", "东大桥村"]),
        ("120111106", "辛口镇", ["辛口社区"], ["辛口村", "第六埠村", "水高庄村", "沙窝村", "大沙河村"]),
        ("120111103", "大寺镇", ["大寺社区"], ["大寺村", "王村", "梨园头村", "青凝侯村", "芦北口村"]),
        ("120111104", "王稳庄镇", ["王稳庄社区"], ["王稳庄村", "小年庄村", "大任庄村", "建新村"]),
    ];

    public static IReadOnlyList<Region> All { get; } = Build();

    private static List<Region> Build()
    {
        var regions = new List<Region> { new() { Code = DistrictCode, Name = "西青区", Level = RegionLevel.District, SortOrder = 0 } };
        for (var s = 0; s < Streets.Length; s++)
        {
            var (code, name, communities, villages) = Streets[s];
            regions.Add(new Region { Code = code, Name = name, Level = RegionLevel.Street, ParentCode = DistrictCode, SortOrder = s });
            // Communities (居委会) are numbered from 001, villages (村委会) from 201, as the statistical codes do.
            regions.AddRange(communities.Select((c, i) => new Region
            {
                Code = $"{code}{i + 1:000}", Name = c, Level = RegionLevel.Village, ParentCode = code, SortOrder = i,
            }));
            regions.AddRange(villages.Select((v, i) => new Region
            {
                Code = $"{code}{i + 201:000}", Name = v, Level = RegionLevel.Village, ParentCode = code, SortOrder = 100 + i,
            }));
        }

        return regions;
    }

    public static async Task EnsureAsync(EldercareDbContext db, CancellationToken ct = default)
    {
        var existing = await db.Regions.Select(r => r.Code).ToListAsync(ct);
        var missing = All.Where(r => !existing.Contains(r.Code)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.Regions.AddRange(missing.Select(r => new Region
        {
            Code = r.Code, Name = r.Name, Level = r.Level, ParentCode = r.ParentCode, SortOrder = r.SortOrder,
        }));
        await db.SaveChangesAsync(ct);
    }
}
