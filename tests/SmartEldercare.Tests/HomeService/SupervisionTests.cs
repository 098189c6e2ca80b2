using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.HomeService.Features.Elders;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Worker;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.HomeService;

public sealed class SupervisionTests
{
    [Fact]
    public async Task No_check_in_15_minutes_after_the_window_opened_warns_and_30_minutes_misses_back_to_dispatch()
    {
        await using var world = await HomeWorld.CreateAsync();
        var supervision = world.App.Services.GetRequiredService<VisitSupervision>();
        var street = new List<LiveUpdate>();
        using var subscription = world.App.Services.GetRequiredService<ILiveUpdates>().Subscribe(RegionCatalog.YangliuqingCode, u => { street.Add(u); return Task.CompletedTask; });
        var elder = await world.VeryOldElderAsync();
        var id = await world.AssignedAsync(elder); // window opens in an hour
        var onTime = await world.AssignedAsync(elder, "MEAL-DINNER");

        world.App.Clock.Advance(TimeSpan.FromMinutes(60));
        await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(onTime, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)));
        world.App.Clock.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        Assert.Equal(0, await supervision.RunOnceAsync(TestContext.Current.CancellationToken));
        world.App.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await supervision.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await supervision.RunOnceAsync(TestContext.Current.CancellationToken)); // warned once
        var late = await world.OrderOf(id);
        Assert.Equal((OrderStatus.Assigned, VisitFlags.Late), (late.Status, late.Flags));

        world.App.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await supervision.RunOnceAsync(TestContext.Current.CancellationToken));
        var missed = await world.OrderOf(id);
        Assert.Equal(OrderStatus.Missed, missed.Status);
        Assert.True(missed.Flags.HasFlag(VisitFlags.Missed));
        Assert.Equal(["late", "missed"], missed.Steps.Where(s => s.Actor == "system").Select(s => s.Action));
        Assert.Equal(["homeservice.late", "homeservice.missed"], street.Where(u => u.RecordId == id.ToString() && u.Topic is "homeservice.late" or "homeservice.missed").Select(u => u.Topic));
        Assert.Equal(OrderStatus.CheckedIn, (await world.OrderOf(onTime)).Status);
        Assert.Contains((await world.BoardAsync()).ToDispatch, o => o.Id == id && o.Status == OrderStatus.Missed);

        // Too late to check in now; the street sends it out again in a new window, the miss stays on record.
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)))).Status);
        var replacement = await world.App.As(TestUsers.Street, m => m.Send(new RedispatchMissedOrder.Command(id, world.Shanghai(2), 60, world.ProviderId, world.WorkerId)));
        Assert.True(replacement.IsSuccess, replacement.Message);
        Assert.DoesNotContain((await world.BoardAsync()).ToDispatch, o => o.Id == id);
        Assert.Equal(replacement.Value, (await world.OrderOf(id)).ReplacedByOrderId);
        Assert.Equal(OrderStatus.Assigned, (await world.OrderOf(replacement.Value)).Status);
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(TestUsers.Street, m => m.Send(new CloseMissedOrder.Command(id, "重复")))).Status);
    }

    [Fact]
    public async Task A_check_in_far_from_home_the_same_worker_in_two_homes_and_a_visit_during_a_hospital_stay_are_flagged()
    {
        await using var world = await HomeWorld.CreateAsync();
        var first = await world.VeryOldElderAsync();
        var second = await world.ElderAsync(NewElder.Command(name: "周凤英"));
        var a = await world.AssignedAsync(first);
        var b = await world.AssignedAsync(second);
        var today = DateOnly.FromDateTime(ShanghaiTime.ToLocal(world.App.Clock.GetUtcNow().UtcDateTime));
        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new RecordHospitalStay.Command(second, today.AddDays(-2), null, "肺炎住院")))).IsSuccess);
        world.App.Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(a, HomeWorld.HomeLatitude + 0.0020, HomeWorld.HomeLongitude)))).IsSuccess); // ≈ 222 m
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(b, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)))).IsSuccess);

        var far = await world.OrderOf(a);
        Assert.Equal(VisitFlags.FarCheckIn, far.Flags);
        Assert.Equal(222, far.CheckInDistanceMeters);
        Assert.Equal(VisitFlags.Overlap | VisitFlags.DuringHospitalStay, (await world.OrderOf(b)).Flags);
        Assert.Equal(2, await world.App.Db(db => db.LiveEvents.CountAsync(e => e.Topic == "homeservice.flagged")));
    }

    [Fact]
    public async Task A_visit_after_the_hospital_stay_ended_is_not_flagged()
    {
        await using var world = await HomeWorld.CreateAsync();
        var elder = await world.VeryOldElderAsync();
        var today = world.App.Clock.Today();
        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new RecordHospitalStay.Command(elder, today.AddDays(-5), null, null)))).IsSuccess);
        var stay = (await world.App.As(TestUsers.Village, m => m.Send(new GetElderServices.Query(elder)))).Value!.HospitalStays.Single();
        Assert.Equal(ResultStatus.Invalid, (await world.App.As(TestUsers.Village, m => m.Send(new EndHospitalStay.Command(stay.Id, today.AddDays(-6))))).Status);
        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new EndHospitalStay.Command(stay.Id, today.AddDays(-1))))).IsSuccess);
        var id = await world.AssignedAsync(elder);
        world.App.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)))).IsSuccess);
        Assert.Equal(VisitFlags.None, (await world.OrderOf(id)).Flags);
    }

    [Fact]
    public async Task A_correction_needs_a_reason_is_audited_and_can_rescue_a_visit_missed_because_the_phone_failed()
    {
        await using var world = await HomeWorld.CreateAsync();
        var supervision = world.App.Services.GetRequiredService<VisitSupervision>();
        var id = await world.AssignedAsync(await world.VeryOldElderAsync());
        world.App.Clock.Advance(TimeSpan.FromMinutes(95));
        await supervision.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(OrderStatus.Missed, (await world.OrderOf(id)).Status);

        var windowOpen = world.App.Clock.GetUtcNow().AddMinutes(-35);
        var noNote = await world.App.As(TestUsers.Street, m => m.Send(new CorrectVisit.Command(id, windowOpen.AddMinutes(2), windowOpen.AddMinutes(24), CorrectionReason.Other, null)));
        Assert.Equal(ResultStatus.Invalid, noNote.Status);
        var backwards = await world.App.As(TestUsers.Street, m => m.Send(new CorrectVisit.Command(id, windowOpen.AddMinutes(24), windowOpen.AddMinutes(2), CorrectionReason.DeviceProblem, null)));
        Assert.Equal(ResultStatus.Invalid, backwards.Status);
        Assert.Equal(OrderStatus.Missed, (await world.OrderOf(id)).Status);

        var corrected = await world.App.As(TestUsers.Street, m => m.Send(new CorrectVisit.Command(id, windowOpen.AddMinutes(2), windowOpen.AddMinutes(24), CorrectionReason.DeviceProblem, "老人家中无信号，电话核实")));
        Assert.True(corrected.IsSuccess, corrected.Message);
        var order = await world.OrderOf(id);
        Assert.Equal(OrderStatus.CheckedOut, order.Status);
        Assert.Equal(VisitFlags.Late | VisitFlags.Missed | VisitFlags.Corrected, order.Flags);
        Assert.Contains("DeviceProblem", order.Steps[^1].Note, StringComparison.Ordinal);
        Assert.True(await world.App.Db(db => db.AuditEntries.AnyAsync(e => e.Detail != null && e.Detail.Contains("correct visit " + id + ": DeviceProblem"))));
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).IsSuccess);
    }
}
