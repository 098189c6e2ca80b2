using FluentValidation;
using SmartEldercare.Facilities.Features.Staff;
using SmartEldercare.Facilities.Staff;
using SmartEldercare.Platform.Common;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Facilities;

public sealed class StaffingTests
{
    [Fact]
    public void Required_carers_sum_the_residents_over_each_levels_ratio_and_round_up_once()
    {
        var ratios = CareRatio.Defaults;
        Assert.Equal(0, Staffing.RequiredCarers(new Dictionary<int, int>(), ratios));
        Assert.Equal(1, Staffing.RequiredCarers(new Dictionary<int, int> { [2] = 6 }, ratios));        // 6/6
        Assert.Equal(2, Staffing.RequiredCarers(new Dictionary<int, int> { [2] = 7 }, ratios));        // 7/6
        Assert.Equal(2, Staffing.RequiredCarers(new Dictionary<int, int> { [0] = 5, [4] = 3 }, ratios)); // 0.5 + 1
        Assert.Equal(3, Staffing.RequiredCarers(new Dictionary<int, int> { [4] = 3 }, new Dictionary<int, int> { [4] = 1 }));
        Assert.True(new ShiftStaffing(ShiftKind.Night, 1, 2).BelowRatio);
        Assert.False(new ShiftStaffing(ShiftKind.Day, 2, 2).BelowRatio);
    }

    [Fact]
    public async Task A_shift_below_the_configured_ratio_warns_live_and_recovers_when_a_carer_is_added()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var beds = await world.BedsAsync(world.Home, "1-1 1-2 1-3 1-4");
        foreach (var bed in beds)
        {
            await world.AdmitAsync(bed, (await world.ElderAsync()).IdNumber, careLevel: 4); // 4 at 1:3 → 2 carers a shift
        }

        var today = world.App.Clock.Today();
        var carers = new List<Guid>();
        foreach (var name in new[] { "李秀兰", "王春梅" })
        {
            var saved = await world.App.As(world.Manager, m => m.Send(new SaveStaff.Command { OrganisationId = world.Home, Name = name, Role = StaffRole.Carer, Certificate = "养老护理员证", CertificateValidUntil = today.AddDays(-1) }));
            carers.Add(saved.Value);
        }

        Assert.True((await world.App.As(world.Manager, m => m.Send(new SetShift.Command(carers[0], today, ShiftKind.Day, true)))).IsSuccess);
        var roster = (await world.App.As(TestUsers.Street, m => m.Send(new GetRoster.Query(world.Home)))).Value!;
        var day = roster.Shifts.Single(s => s.Kind == ShiftKind.Day);
        Assert.Equal((1, 2, true), (day.Carers, day.Required, day.BelowRatio));
        Assert.True(roster.Staff.All(s => s.CertificateExpired));
        Assert.Equal([ShiftKind.Day], roster.Staff.Single(s => s.Id == carers[0]).OnDutyToday);
        await Eventually.Until(() => world.Pushed("facility.staffing.below"), "the below-ratio warning on the street console");

        Assert.True((await world.App.As(world.Manager, m => m.Send(new SetShift.Command(carers[1], today, ShiftKind.Day, true)))).IsSuccess);
        Assert.False((await world.App.As(world.Manager, m => m.Send(new GetRoster.Query(world.Home)))).Value!.Shifts.Single(s => s.Kind == ShiftKind.Day).BelowRatio);

        // An admin relaxes the ratio for the most dependent residents: one carer is enough for four.
        Assert.True((await world.App.As(TestUsers.District, m => m.Send(new SaveCareRatios.Command([new CareRatioItem(4, 4)])))).IsSuccess);
        Assert.Equal(1, (await world.App.As(world.Manager, m => m.Send(new GetRoster.Query(world.Home)))).Value!.Shifts[0].Required);
        await Assert.ThrowsAsync<ValidationException>(() => world.App.As(TestUsers.District, m => m.Send(new SaveCareRatios.Command([new CareRatioItem(4, 0)]))));
        await Assert.ThrowsAsync<SmartEldercare.Platform.Behaviors.ForbiddenException>(() => world.App.As(world.Manager, m => m.Send(new SaveCareRatios.Command([new CareRatioItem(4, 9)]))));
    }

    [Fact]
    public async Task A_manager_cannot_put_another_institutions_staff_on_shift()
    {
        await using var world = await FacilityWorld.CreateAsync();
        // The district reads institutions but does not keep them.
        await Assert.ThrowsAsync<SmartEldercare.Platform.Behaviors.ForbiddenException>(() =>
            world.App.As(TestUsers.District, m => m.Send(new SaveStaff.Command { OrganisationId = world.OtherHome, Name = "赵红霞", Role = StaffRole.Carer })));
        var staff = await world.App.As(FacilityWorld.Admin, m => m.Send(new SaveStaff.Command { OrganisationId = world.OtherHome, Name = "赵红霞", Role = StaffRole.Carer }));
        Assert.True(staff.IsSuccess, staff.Message);
        var result = await world.App.As(world.Manager, m => m.Send(new SetShift.Command(staff.Value, world.App.Clock.Today(), ShiftKind.Night, true)));
        Assert.Equal(ResultStatus.NotFound, result.Status);
    }
}
