using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Features.Beds;
using SmartEldercare.Facilities.Features.Institutions;
using SmartEldercare.Facilities.Institutions;
using SmartEldercare.Platform.Common;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Facilities;

public sealed class InstitutionAndBedTests
{
    private static SaveProfile.Command Profile(Guid id, DateOnly validUntil) => new()
    {
        OrganisationId = id, LicenceNumber = "津西养备2024001", LicenceIssuer = "西青区民政局", LicenceValidUntil = validUntil, StarRating = 3, Capacity = 60,
        Services = "生活照料、康复护理", ContactName = "周院长", ContactPhone = "022-27391234",
    };

    [Fact]
    public async Task The_manager_edits_their_own_institution_and_the_licence_warns_30_days_before_expiry()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var today = world.App.Clock.Today();
        Assert.True((await world.App.As(world.Manager, m => m.Send(Profile(world.Home, today.AddDays(45))))).IsSuccess);
        var details = (await world.App.As(TestUsers.District, m => m.Send(new GetInstitution.Query(world.Home)))).Value!;
        Assert.Equal((LicenceStatus.Valid, 3, 60, "津西养备2024001"), (details.Licence, details.Profile.StarRating, details.Profile.Capacity, details.Profile.LicenceNumber));

        world.App.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(LicenceStatus.ExpiringSoon, (await world.App.As(world.Manager, m => m.Send(new GetInstitution.Query(world.Home)))).Value!.Licence);
        world.App.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(LicenceStatus.Expired, (await world.App.As(world.Manager, m => m.Send(new GetInstitution.Query(world.Home)))).Value!.Licence);
        Assert.Equal(LicenceStatus.Missing, FacilityProfile.Licence(null, today, today));
    }

    [Fact]
    public async Task A_facility_manager_cannot_see_or_edit_another_institution_even_in_their_street()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var today = world.App.Clock.Today();
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(world.Manager, m => m.Send(Profile(world.OtherHome, today.AddYears(1))))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(world.Manager, m => m.Send(Profile(world.ZhongbeiHome, today.AddYears(1))))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(world.Manager, m => m.Send(new GetInstitution.Query(world.OtherHome)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(world.Manager, m => m.Send(new AddBeds.Command(world.OtherHome, "1-1")))).Status);
        Assert.False(await world.App.Db(db => db.Set<FacilityProfile>().AnyAsync()));
        Assert.False(await world.App.Db(db => db.Set<Bed>().AnyAsync()));

        // Street staff of another street do not see it either; supervisors may not edit the profile.
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Street2, m => m.Send(new GetInstitution.Query(world.Home)))).Status);
        await Assert.ThrowsAsync<SmartEldercare.Platform.Behaviors.ForbiddenException>(() => world.App.As(TestUsers.Street, m => m.Send(Profile(world.Home, today.AddYears(1)))));
    }

    [Fact]
    public async Task Bad_profile_values_are_refused_with_messages()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var bad = Profile(world.Home, world.App.Clock.Today());
        bad.StarRating = 6;
        bad.LicenceValidUntil = null;
        var ex = await Assert.ThrowsAsync<ValidationException>(() => world.App.As(world.Manager, m => m.Send(bad)));
        Assert.Contains(ex.Errors, e => e.ErrorMessage == "星级应为0至5星");
        Assert.Contains(ex.Errors, e => e.ErrorMessage == "请填写许可/备案有效期");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Admission_and_discharge_move_the_computed_occupancy(TestProvider provider)
    {
        await using var world = await FacilityWorld.CreateAsync(provider);
        var beds = await world.BedsAsync(world.Home, "101-1, 101-2，102-1 102-2");
        Assert.Equal(4, beds.Count);
        var a = await world.ElderAsync();
        var b = await world.ElderAsync();
        await world.AdmitAsync(beds[0], a.IdNumber, careLevel: 3);
        await world.AdmitAsync(beds[1], b.IdNumber);

        var board = (await world.App.As(world.Manager, m => m.Send(new GetBedBoard.Query(world.Home)))).Value!;
        Assert.Equal((4, 2, 50), (board.Occupancy.Beds, board.Occupancy.Residents, board.Occupancy.Percent));
        var first = board.Beds.Single(x => x.Id == beds[0]);
        Assert.Equal((BedState.Occupied, a.Id, 3, "王秀英"), (first.State, first.ElderId, first.CareLevel, first.ResidentName));
        Assert.True((await world.App.As(world.Manager, m => m.Send(new SetBedState.Command(beds[1], BedState.InHospital)))).IsSuccess);

        Assert.True((await world.App.As(world.Manager, m => m.Send(new Discharge.Command(beds[0], world.App.Clock.Today(), "回家养老")))).IsSuccess);
        var after = (await world.App.As(TestUsers.Street, m => m.Send(new GetInstitution.Query(world.Home)))).Value!;
        Assert.Equal((4, 1, 25), (after.Occupancy.Beds, after.Occupancy.Residents, after.Occupancy.Percent));
        var stay = await world.App.Db(db => db.Set<Residency>().SingleAsync(r => r.ElderId == a.Id));
        Assert.Equal((world.App.Clock.Today(), "回家养老"), (stay.DischargedOn, stay.DischargeReason));
        await Eventually.Until(() => world.Pushed("facility.admitted") && world.Pushed("facility.discharged"), "the admission and discharge pushed to the street");
    }

    [Fact]
    public async Task Occupied_beds_residents_elsewhere_future_admissions_and_early_discharges_are_refused_and_nothing_is_written()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var beds = await world.BedsAsync(world.Home, "201-1 201-2");
        var otherBeds = await world.BedsAsync(world.ZhongbeiHome, "1-1", FacilityWorld.Admin);
        var a = await world.ElderAsync();
        var b = await world.ElderAsync();
        await world.AdmitAsync(beds[0], a.IdNumber);

        var occupied = await world.App.As(world.Manager, m => m.Send(new Admit.Command { BedId = beds[0], ElderIdNumber = b.IdNumber, ElderName = world.NameOf(b.IdNumber), CareLevel = 1, AdmittedOn = world.App.Clock.Today() }));
        Assert.Equal((ResultStatus.Conflict, "该床位已有人入住"), (occupied.Status, occupied.Message));
        var elsewhere = await world.App.As(FacilityWorld.Admin, m => m.Send(new Admit.Command { BedId = otherBeds[0], ElderIdNumber = a.IdNumber, ElderName = world.NameOf(a.IdNumber), CareLevel = 1, AdmittedOn = world.App.Clock.Today() }));
        Assert.Equal((ResultStatus.Conflict, "该老人已在其他床位入住"), (elsewhere.Status, elsewhere.Message));
        var future = await Assert.ThrowsAsync<ValidationException>(() => world.App.As(world.Manager, m => m.Send(new Admit.Command
            { BedId = beds[1], ElderIdNumber = b.IdNumber, ElderName = world.NameOf(b.IdNumber), CareLevel = 1, AdmittedOn = world.App.Clock.Today().AddDays(1) })));
        Assert.Contains(future.Errors, e => e.ErrorMessage == "入住日期不能晚于今天");
        var unknown = await world.App.As(world.Manager, m => m.Send(new Admit.Command { BedId = beds[1], ElderIdNumber = NewElder.IdNumber(new DateOnly(1940, 1, 1)), ElderName = "张三", CareLevel = 1, AdmittedOn = world.App.Clock.Today() }));
        Assert.Equal(ResultStatus.Invalid, unknown.Status);
        // An ID number that is registered, typed with another name, is answered exactly as an unknown one: the form is
        // no test of whether an ID number exists in the district.
        var wrongName = await world.App.As(world.Manager, m => m.Send(new Admit.Command { BedId = beds[1], ElderIdNumber = b.IdNumber, ElderName = "张三", CareLevel = 1, AdmittedOn = world.App.Clock.Today() }));
        Assert.Equal((unknown.Status, unknown.Message, unknown.Errors.Single().Message), (wrongName.Status, wrongName.Message, wrongName.Errors.Single().Message));
        Assert.Equal(1, await world.App.Db(db => db.Set<Residency>().CountAsync()));
        var early = await world.App.As(world.Manager, m => m.Send(new Discharge.Command(beds[0], world.App.Clock.Today().AddDays(-5), null)));
        Assert.Equal((ResultStatus.Invalid, "退住日期不能早于入住日期"), (early.Status, early.Message));
        var toFree = await world.App.As(world.Manager, m => m.Send(new SetBedState.Command(beds[1], BedState.Occupied)));
        Assert.Equal(ResultStatus.Invalid, toFree.Status);

        Assert.Equal(1, await world.App.Db(db => db.Set<Residency>().CountAsync()));
        Assert.Null(await world.App.Db(db => db.Set<Residency>().Select(r => r.DischargedOn).SingleAsync()));
        Assert.Equal(1, await world.App.Db(db => db.Set<Bed>().CountAsync(x => x.ResidentElderId != null)));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Of_two_admissions_at_once_one_wins_whether_the_same_bed_or_the_same_elder(TestProvider provider)
    {
        await using var world = await FacilityWorld.CreateAsync(provider);
        var beds = await world.BedsAsync(world.Home, "1-1 1-2 1-3");
        var a = await world.ElderAsync();
        var b = await world.ElderAsync();
        var c = await world.ElderAsync();
        Admit.Command Admission(Guid bed, string idNumber) => new() { BedId = bed, ElderIdNumber = idNumber, ElderName = world.NameOf(idNumber), CareLevel = 1, AdmittedOn = world.App.Clock.Today() };

        var sameBed = await Task.WhenAll(
            world.App.As(world.Manager, m => m.Send(Admission(beds[0], a.IdNumber))),
            world.App.As(world.Manager, m => m.Send(Admission(beds[0], b.IdNumber))));
        Assert.Single(sameBed, r => r.IsSuccess);
        Assert.Equal(ResultStatus.Conflict, Assert.Single(sameBed, r => !r.IsSuccess).Status);

        var sameElder = await Task.WhenAll(
            world.App.As(world.Manager, m => m.Send(Admission(beds[1], c.IdNumber))),
            world.App.As(world.Manager, m => m.Send(Admission(beds[2], c.IdNumber))));
        Assert.Single(sameElder, r => r.IsSuccess);
        Assert.Equal(ResultStatus.Conflict, Assert.Single(sameElder, r => !r.IsSuccess).Status);
        Assert.Equal(2, await world.App.Db(db => db.Set<Residency>().CountAsync()));
        Assert.Equal(1, await world.App.Db(db => db.Set<Bed>().CountAsync(x => x.ResidentElderId == c.Id)));
        // The feed row commits with the admission: one per admission that stood, none for those that lost.
        Assert.Equal(2, await world.App.Db(db => db.LiveEvents.CountAsync(e => e.Topic == "facility.admitted")));
    }
}
