using Microsoft.EntityFrameworkCore;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Facilities.Features.Board;
using SmartEldercare.Facilities.Features.Complaints;
using SmartEldercare.Facilities.Features.Institutions;
using SmartEldercare.Facilities.Features.Staff;
using SmartEldercare.Facilities.Inspections;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Facilities.Supervision;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Facilities;

public sealed class ComplaintAndBoardTests
{
    [Theory]
    [InlineData(ComplaintSeverity.Urgent, 3)]
    [InlineData(ComplaintSeverity.Serious, 7)]
    [InlineData(ComplaintSeverity.General, 15)]
    public async Task A_complaints_deadline_follows_its_severity_and_it_closes_after_the_institution_answered(ComplaintSeverity severity, int days)
    {
        await using var world = await FacilityWorld.CreateAsync();
        var now = world.App.Clock.GetUtcNow().UtcDateTime;
        var id = (await world.App.As(TestUsers.Street, m => m.Send(new RegisterComplaint.Command
        {
            OrganisationId = world.Home, Source = ComplaintSource.Hotline12345, ReferenceNumber = "12345-20261128-001", Severity = severity,
            Summary = "家属反映夜间无人巡视", ComplainantName = "王先生", ComplainantPhone = "13812345678",
        }))).Value;

        var list = (await world.App.As(world.Manager, m => m.Send(new ListComplaints.Query(world.Home)))).Value!;
        var item = Assert.Single(list);
        Assert.Equal((now.AddDays(days), "138****5678", ComplaintStatus.Open), (item.DeadlineUtc, item.MaskedPhone, item.Status));
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(TestUsers.Street, m => m.Send(new CloseComplaint.Command(id, "已核实")))).Status);

        world.App.Clock.Advance(TimeSpan.FromDays(days) + TimeSpan.FromMinutes(1));
        Assert.True((await world.App.As(world.Manager, m => m.Send(new ListComplaints.Query(world.Home)))).Value![0].Overdue);
        Assert.Equal(1, (await world.App.As(TestUsers.District, m => m.Send(new GetSupervisionBoard.Query()))).Page.Items.Single(r => r.Id == world.Home).OverdueComplaints);

        Assert.True((await world.App.As(world.Manager, m => m.Send(new RecordComplaintHandling.Command(id, "已增加夜班巡视频次")))).IsSuccess);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new CloseComplaint.Command(id, "回访家属满意")))).IsSuccess);
        var closed = (await world.App.As(TestUsers.Street, m => m.Send(new ListComplaints.Query(world.Home)))).Value!.Single();
        Assert.Equal((ComplaintStatus.Closed, false), (closed.Status, closed.Overdue));
        Assert.Contains("已增加夜班巡视频次", closed.Handling, StringComparison.Ordinal);
        Assert.Equal("13812345678", await world.App.Db(db => db.Set<Complaint>().Select(c => c.ComplainantPhone).SingleAsync())); // decrypted only here
    }

    [Fact]
    public void The_risk_score_is_the_sum_of_capped_factors()
    {
        var calm = RiskScore.Factors(new RiskInputs(LicenceStatus.Valid, 0, 0, 3, 2, 95, 10, 0, 0));
        Assert.Equal([("Facilities.Risk.InspectionScore", 1)], calm.Select(f => (f.Key, f.Points)));

        var bad = RiskScore.Factors(new RiskInputs(LicenceStatus.Expired, 26, 1, 1, 3, 60, 20, 1, 1));
        Assert.Equal(
            [("Facilities.Risk.Licence", 25), ("Facilities.Risk.OpenHazards", 20), ("Facilities.Risk.OverdueHazards", 8), ("Facilities.Risk.Staffing", 10),
             ("Facilities.Risk.InspectionScore", 8), ("Facilities.Risk.Alarms", 5), ("Facilities.Risk.Complaints", 5)],
            bad.Select(f => (f.Key, f.Points)));
        Assert.Equal(81, RiskScore.Total(bad));
        Assert.Equal(10, RiskScore.Factors(new RiskInputs(LicenceStatus.Valid, 0, 0, 0, 0, null, null, 0, 0)).Single(f => f.Key == "Facilities.Risk.NoRecentInspection").Points);
        Assert.Equal(100, RiskScore.Total(RiskScore.Factors(new RiskInputs(LicenceStatus.Expired, 50, 9, 0, 5, 0, 5, 9, 9))));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task The_board_combines_each_institutions_figures_into_an_explained_risk_score_within_the_callers_scope(TestProvider provider)
    {
        await using var world = await FacilityWorld.CreateAsync(provider);
        var today = world.App.Clock.Today();
        var now = world.App.Clock.GetUtcNow().UtcDateTime;
        await world.App.As(world.Manager, m => m.Send(new SaveProfile.Command { OrganisationId = world.Home, LicenceNumber = "津西养备1", LicenceValidUntil = today.AddDays(10), StarRating = 2, Capacity = 10 }));
        var beds = await world.BedsAsync(world.Home, "1-1 1-2 1-3 1-4");
        for (var i = 0; i < 3; i++)
        {
            await world.AdmitAsync(beds[i], (await world.ElderAsync()).IdNumber, careLevel: 4);
        }

        var carer = (await world.App.As(world.Manager, m => m.Send(new SaveStaff.Command { OrganisationId = world.Home, Name = "李秀兰", Role = StaffRole.Carer }))).Value;
        await world.App.As(world.Manager, m => m.Send(new SetShift.Command(carer, today, ShiftKind.Day, true)));
        Assert.True((await world.App.As(TestUsers.District, m => m.Send(InspectionTests.Inspection(world, 70, InspectionTests.Finding(RiskLevel.High))))).IsSuccess);
        await world.App.Db(async db =>
        {
            // An open alarm from one of the institution's devices (the Emergency module's table).
            db.Add(Alarm.Raise(AlarmType.Smoke, AlarmSource.Device, RegionCatalog.YangliuqingCode, null, world.Home, null, now, null, "device", null));
            return await db.SaveChangesAsync();
        });
        world.App.Clock.Advance(TimeSpan.FromDays(4)); // the high-risk hazard (3 days) is now overdue

        var board = await world.App.As(TestUsers.District, m => m.Send(new GetSupervisionBoard.Query()));
        Assert.Equal(3, board.Institutions);
        var row = board.Page.Items[0];
        Assert.Equal(world.Home, row.Id); // riskiest first
        Assert.Equal((4, 3, 75), (row.Occupancy.Beds, row.Occupancy.Residents, row.Occupancy.Percent));
        Assert.Equal((1, 1, 1, 70, LicenceStatus.ExpiringSoon), (row.OpenHazards, row.OverdueHazards, row.OpenAlarms, row.LastInspectionScore, row.Licence));
        Assert.True(row.StaffingBelow); // 3 at level 4 need one carer a shift; the night shift has none
        Assert.Equal(
            [("Facilities.Risk.Licence", 8), ("Facilities.Risk.OpenHazards", 6), ("Facilities.Risk.OverdueHazards", 8), ("Facilities.Risk.Staffing", 15),
             ("Facilities.Risk.InspectionScore", 6), ("Facilities.Risk.Alarms", 5)],
            row.Factors.Select(f => (f.Key, f.Points)));
        Assert.Equal(48, row.Risk);
        Assert.Equal(RiskScore.Factors(new RiskInputs(LicenceStatus.Missing, 0, 0, 0, 0, null, null, 0, 0)).Sum(f => f.Points), board.Page.Items[^1].Risk);

        // Filters, sorting and paging on the server.
        Assert.Equal([world.ZhongbeiHome], (await world.App.As(TestUsers.District, m => m.Send(new GetSupervisionBoard.Query(Street: RegionCatalog.ZhongbeiCode)))).Page.Items.Select(r => r.Id));
        Assert.Equal([world.Home], (await world.App.As(TestUsers.District, m => m.Send(new GetSupervisionBoard.Query(AttentionOnly: true)))).Page.Items.Select(r => r.Id));
        var paged = await world.App.As(TestUsers.District, m => m.Send(new GetSupervisionBoard.Query(Sort: BoardSort.Name, Page: 2, PageSize: 2)));
        Assert.Equal((3, 1), (paged.Page.Total, paged.Page.Items.Count));

        // Scope: the street sees its two, the other street its one, the manager their own.
        Assert.Equal(2, (await world.App.As(TestUsers.Street, m => m.Send(new GetSupervisionBoard.Query()))).Institutions);
        Assert.Equal([world.ZhongbeiHome], (await world.App.As(TestUsers.Street2, m => m.Send(new GetSupervisionBoard.Query()))).Page.Items.Select(r => r.Id));
        Assert.Equal([world.Home], (await world.App.As(world.Manager, m => m.Send(new GetSupervisionBoard.Query()))).Page.Items.Select(r => r.Id));

        // November's ranking per street: the inspected home first (70), the other without an inspection (60); the hazard was not yet late in November.
        var ranking = await world.App.As(TestUsers.District, m => m.Send(new GetMonthlyRanking.Query(202611)));
        Assert.Equal([(1, world.Home, 70), (2, world.OtherHome, 60)], ranking.Single(s => s.StreetCode == RegionCatalog.YangliuqingCode).Rows.Select(r => (r.Rank, r.Id, r.MonthScore)));
        var december = await world.App.As(TestUsers.District, m => m.Send(new GetMonthlyRanking.Query()));
        Assert.All(december.SelectMany(s => s.Rows), r => Assert.Equal(GetMonthlyRanking.NoInspectionScore, r.MonthScore));
    }
}
