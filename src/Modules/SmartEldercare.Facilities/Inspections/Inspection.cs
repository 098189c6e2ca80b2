namespace SmartEldercare.Facilities.Inspections;

public enum TemplateKind
{
    NineHazards, // 九防
    FireSafety,  // 消防安全
    FoodSafety,  // 食品安全
    Other,
}

public enum RiskLevel
{
    Major,  // 重大
    High,   // 较大
    Medium, // 一般
    Low,    // 低
}

public enum HazardStatus
{
    Open,
    Fixed,     // the institution recorded the fix; the inspector has to verify
    Verified,  // closed
}

/// <summary>A checklist (the nine hazards, fire safety, food safety…): one item a line; editable by admins.</summary>
public sealed class ChecklistTemplate
{
    public const int NameMaxLength = 100;
    public const int ItemsMaxLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public TemplateKind Kind { get; set; }

    /// <summary>One item a line.</summary>
    public required string ItemsText { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public IReadOnlyList<string> Items => ItemsText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The three checklists every database starts with (model seed data, so production has them without demo data).</summary>
    public static IReadOnlyList<ChecklistTemplate> Defaults() =>
    [
        new()
        {
            Id = new Guid("0193a000-0000-7000-8000-000000000901"), Name = "养老机构“九防”安全检查表", Kind = TemplateKind.NineHazards,
            ItemsText = "防噎食：高风险老人有评估与进食看护\n防食品药品误食：药品专柜加锁、分发核对\n防压疮：卧床老人定时翻身记录\n防烫伤：热水器与暖水瓶管理\n防坠床：床栏完好并按评估使用\n防跌倒：地面防滑、扶手、夜灯\n防走失：出入登记与定位设备\n防他伤和自伤：危险物品管控与情绪观察\n防文娱活动意外：活动前评估与现场看护",
        },
        new()
        {
            Id = new Guid("0193a000-0000-7000-8000-000000000902"), Name = "消防安全检查表", Kind = TemplateKind.FireSafety,
            ItemsText = "疏散通道、安全出口畅通\n灭火器、消火栓在有效期内\n火灾自动报警系统运行正常\n电动车不进楼、不在室内充电\n夜间值班与防火巡查记录完整\n员工会报警、会疏散、会使用灭火器",
        },
        new()
        {
            Id = new Guid("0193a000-0000-7000-8000-000000000903"), Name = "食品安全检查表", Kind = TemplateKind.FoodSafety,
            ItemsText = "食品经营许可证在有效期内\n从业人员健康证齐全\n食材进货查验与台账\n餐具清洗消毒\n食品留样48小时\n生熟分开、冷藏温度达标",
        },
    ];
}

/// <summary>An inspection of an institution against a template, scored to 100; its findings are hazards.</summary>
public sealed class Inspection : IFacilityRecord
{
    public const int NotesMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public Guid TemplateId { get; init; }

    public required string TemplateName { get; init; }

    public Guid InspectorId { get; init; }

    public required string InspectorName { get; init; }

    public DateTime InspectedAtUtc { get; init; }

    public int Score { get; init; }

    public string? Notes { get; init; }
}

/// <summary>
/// A finding to rectify (隐患) by a deadline set from its risk level: the institution records the fix with
/// evidence, the inspector verifies (closed) or reopens it with a new deadline. Past the deadline while not fixed
/// it is overdue and escalates once to the street and district consoles.
/// </summary>
public sealed class Hazard : IVersionedFacilityRecord
{
    public const int TextMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InspectionId { get; init; }

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public string? ChecklistItem { get; init; }

    public required string Description { get; init; }

    public RiskLevel Risk { get; init; }

    public DateTime RaisedAtUtc { get; init; }

    public DateTime DeadlineUtc { get; private set; }

    public HazardStatus Status { get; private set; }

    public string? FixNote { get; private set; }

    public DateTime? FixedAtUtc { get; private set; }

    public string? FixedBy { get; private set; }

    public DateTime? VerifiedAtUtc { get; private set; }

    public string? VerifiedBy { get; private set; }

    public string? ReopenNote { get; private set; }

    public int Reopened { get; private set; }

    /// <summary>When the overdue escalation fired (once per deadline).</summary>
    public DateTime? EscalatedAtUtc { get; set; }

    public int Version { get; set; }

    /// <summary>Rectification time by risk: 24 hours, 3, 7 or 15 days.</summary>
    public static TimeSpan TimeToFix(RiskLevel risk) => risk switch
    {
        RiskLevel.Major => TimeSpan.FromHours(24),
        RiskLevel.High => TimeSpan.FromDays(3),
        RiskLevel.Medium => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(15),
    };

    public static Hazard Raise(Inspection inspection, string? item, string description, RiskLevel risk, DateTime? deadlineUtc, DateTime utcNow) => new()
    {
        InspectionId = inspection.Id,
        OrganisationId = inspection.OrganisationId,
        RegionCode = inspection.RegionCode,
        ChecklistItem = item,
        Description = description,
        Risk = risk,
        RaisedAtUtc = utcNow,
        DeadlineUtc = deadlineUtc ?? utcNow + TimeToFix(risk),
    };

    public bool IsOverdue(DateTime utcNow) => Status == HazardStatus.Open && DeadlineUtc < utcNow;

    public Result RecordFix(string note, string by, DateTime utcNow)
    {
        if (Status != HazardStatus.Open)
        {
            return Result.Conflict("Facilities.Hazard.NotOpen");
        }

        Status = HazardStatus.Fixed;
        FixNote = note;
        FixedBy = by;
        FixedAtUtc = utcNow;
        return Result.Ok();
    }

    public Result Verify(string by, DateTime utcNow)
    {
        if (Status != HazardStatus.Fixed)
        {
            return Result.Conflict("Facilities.Hazard.NotFixed");
        }

        Status = HazardStatus.Verified;
        VerifiedBy = by;
        VerifiedAtUtc = utcNow;
        return Result.Ok();
    }

    public Result Reopen(string note, DateTime newDeadlineUtc, DateTime utcNow)
    {
        if (Status != HazardStatus.Fixed)
        {
            return Result.Conflict("Facilities.Hazard.NotFixed");
        }

        if (newDeadlineUtc <= utcNow)
        {
            return Result.Invalid("DeadlineUtc", "Facilities.Deadline.InPast");
        }

        Status = HazardStatus.Open;
        ReopenNote = note;
        Reopened++;
        DeadlineUtc = newDeadlineUtc;
        EscalatedAtUtc = null;
        return Result.Ok();
    }
}
