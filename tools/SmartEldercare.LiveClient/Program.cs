using System.Globalization;
using SmartEldercare.LiveClient;

// usage: dotnet run --project tools/SmartEldercare.LiveClient -- http://localhost:5080 district Eldercare#2026 120111
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: SmartEldercare.LiveClient <base-url> <user> <password> <region-code>");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
await using var connection = await LiveClient.ConnectAsync(new Uri(args[0]), args[1], args[2], args[3], update =>
{
    var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(update.AtUtc, DateTimeKind.Utc), shanghai);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm:ss} {update.RegionCode} {update.Topic} {update.RecordId}"));
    return Task.CompletedTask;
}, stop.Token);
Console.WriteLine($"Listening to region {args[3]}; Ctrl+C to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C.
}

return 0;
