namespace SmartEldercare.Platform.Elders;

/// <summary>The key-group tags as users see and filter them: the stored groups plus 高龄 (80+), derived from age.</summary>
public enum ElderTag
{
    LivingAlone,
    EmptyNest,
    Disabled,
    VeryOld,
    LowIncome,
    Destitute,
}

public static class ElderTags
{
    public const int VeryOldAge = 80;

    public static IReadOnlyList<ElderTag> Of(KeyGroups groups, int age)
    {
        var tags = new List<ElderTag>(3);
        foreach (var tag in Enum.GetValues<ElderTag>())
        {
            if (tag == ElderTag.VeryOld ? age >= VeryOldAge : groups.HasFlag(ToGroup(tag)))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    public static KeyGroups ToGroup(ElderTag tag) => tag switch
    {
        ElderTag.LivingAlone => KeyGroups.LivingAlone,
        ElderTag.EmptyNest => KeyGroups.EmptyNest,
        ElderTag.Disabled => KeyGroups.Disabled,
        ElderTag.LowIncome => KeyGroups.LowIncome,
        ElderTag.Destitute => KeyGroups.Destitute,
        _ => KeyGroups.None,
    };
}
