using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Tests.Infrastructure;

/// <summary>Valid registration commands with unique ID numbers.</summary>
public static class NewElder
{
    private static int sequence;

    public static string IdNumber(DateOnly birth, Gender gender = Gender.Female) =>
        ChinaIdNumber.Create("120111", birth, Interlocked.Increment(ref sequence), gender);

    public static SaveElder.Command Command(
        string name = "王秀英", string region = RegionCatalog.YinglunMingyuanCode, DateOnly? birth = null, Gender gender = Gender.Female,
        string phone = "13812345678", LivingSituation living = LivingSituation.WithFamily, int careLevel = 0) => new()
    {
        Name = name,
        IdNumber = IdNumber(birth ?? new DateOnly(1944, 3, 5), gender),
        Phone = phone,
        Address = "天津市西青区杨柳青镇英伦名苑3号楼2门501",
        RegionCode = region,
        LivingSituation = living,
        CareLevel = careLevel,
        EmergencyContacts = [new SaveElder.ContactInput { Name = "王建国", Relation = "儿子", Phone = "13912345678" }],
    };
}
