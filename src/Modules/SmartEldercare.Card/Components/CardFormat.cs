using System.Globalization;
using QRCoder;

namespace SmartEldercare.Card.Components;

/// <summary>Display helpers of the card pages: money from fen, QR codes as SVG data URIs (the CSP allows <c>data:</c> images).</summary>
public static class CardFormat
{
    public static string Money(long fen) => "¥" + (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Change(long fen) => fen == 0 ? "-" : (fen > 0 ? "+" : "−") + Money(Math.Abs(fen));

    public static string Qr(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
