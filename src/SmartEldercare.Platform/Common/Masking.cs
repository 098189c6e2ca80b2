namespace SmartEldercare.Platform.Common;

/// <summary>Masks personal data for lists, pages, exports and logs.</summary>
public static class Masking
{
    public static string IdNumber(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return string.Empty;
        }

        return id.Length <= 10 ? new string('*', id.Length) : string.Concat(id.AsSpan(0, 6), new string('*', id.Length - 10), id.AsSpan(id.Length - 4));
    }

    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }

        return phone.Length < 8 ? new string('*', phone.Length) : string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }

    public static string Address(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return string.Empty;
        }

        return address.Length <= 6 ? string.Concat(address.AsSpan(0, Math.Min(2, address.Length)), "****") : string.Concat(address.AsSpan(0, 6), "****");
    }

    /// <summary>A person's name with the middle hidden: 张*华, 李*, 欧阳**明; one character stays as it is.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var text = System.Globalization.StringInfo.ParseCombiningCharacters(name);
        if (text.Length <= 1)
        {
            return name;
        }

        var first = name[..text[1]];
        if (text.Length == 2)
        {
            return first + "*";
        }

        var last = name[text[^1]..];
        return first + new string('*', text.Length - 2) + last;
    }

    /// <summary>Only the surname's first character: 王**. For people outside the reader's scope, who are counted but not named.</summary>
    public static string Surname(string? name) =>
        string.IsNullOrEmpty(name) ? string.Empty : name[..System.Globalization.StringInfo.GetNextTextElementLength(name)] + "**";

    public static string Tail(string? value, int length = 4) =>
        string.IsNullOrEmpty(value) ? string.Empty : value.Length <= length ? value : value[^length..];
}
