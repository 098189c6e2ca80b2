using System.Globalization;
using System.Text.Json;
using SmartEldercare.DeviceSimulator;

// Usage: see docs/modules/emergency.md ("Watch an alarm flow end to end").
const string Usage = """
    usage: SmartEldercare.DeviceSimulator <command> [options]
      sos                    register (or reuse) a device for an elder and press its SOS button
      event --type T         send one event of type T (sos, fall, smoke, gas, water_leak, inactivity, heartbeat, low_battery, tamper, test)
      rate                   --devices N (5) --per-second R (10) --seconds S (30): heartbeats with an alarm now and then
      burst                  --devices N (20) --events E (N) --per-second R (10): E SOS presses spread over N devices, each
                             retried with its event id until accepted (5xx, no answer); prints accepted / duplicate / attempts
    options: --url (http://localhost:5080) --user (village) --password (Eldercare#2026) --region CODE (an elder's village)
             --state FILE (sim-devices.json: registered devices and their secrets, reused between runs)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

string Option(string name, string fallback) => options.GetValueOrDefault(name, fallback);
int Number(string name, int fallback) => int.TryParse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var statePath = Option("state", "sim-devices.json");
var known = File.Exists(statePath) ? JsonSerializer.Deserialize<List<SimulatedDevice>>(File.ReadAllText(statePath)) ?? [] : [];
using var simulator = await DeviceSimulator.SignInAsync(new Uri(Option("url", "http://localhost:5080")), Option("user", "village"), Option("password", "Eldercare#2026"), stop.Token);

async Task<List<SimulatedDevice>> DevicesAsync(int count)
{
    while (known.Count < count)
    {
        var elder = await simulator.FindElderAsync(options.GetValueOrDefault("region"), stop.Token);
        var device = await simulator.RegisterAsync(elder, "SosButton", null, stop.Token);
        known.Add(device);
        Console.WriteLine($"registered {device.Code} for elder {elder}");
    }

    File.WriteAllText(statePath, JsonSerializer.Serialize(known));
    return known.Take(count).ToList();
}

async Task<int> SendAsync(SimulatedDevice device, string type)
{
    var (status, results) = await simulator.SendAsync(device, [DeviceSimulator.Event(type, type == "heartbeat" ? Random.Shared.Next(20, 100) : null)], stop.Token);
    foreach (var r in results)
    {
        Console.WriteLine($"{device.Code} {type} → {status}{(r.AlarmId is { } a ? $" alarm {a}" : string.Empty)}{(r.Duplicate ? " (duplicate)" : string.Empty)}");
    }

    if (results.Count == 0)
    {
        Console.WriteLine($"{device.Code} {type} → {status}");
    }

    if (status == 401)
    {
        // The usual cause: the state file holds devices registered on another database (a fresh one, another server).
        Console.Error.WriteLine($"{device.Code} was refused (401): this server does not know it with that secret. If it came from {statePath} " +
            "(devices registered on another database, or since disabled or rotated), delete that file or pass --state NEW-FILE to register new devices.");
    }

    return status;
}

switch (args[0])
{
    case "sos":
        return await SendAsync((await DevicesAsync(1))[0], "sos") == 202 ? 0 : 1;
    case "event":
        return await SendAsync((await DevicesAsync(1))[0], Option("type", "heartbeat")) == 202 ? 0 : 1;
    case "rate":
        var fleet = await DevicesAsync(Number("devices", 5));
        var perSecond = Number("per-second", 10);
        var until = DateTime.UtcNow.AddSeconds(Number("seconds", 30));
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond)))
        {
            var sent = 0;
            while (DateTime.UtcNow < until && await timer.WaitForNextTickAsync(stop.Token))
            {
                var type = ++sent % 50 == 0 ? "sos" : "heartbeat";
                _ = SendAsync(fleet[sent % fleet.Count], type);
            }
        }

        return 0;
    case "burst":
        var buttons = await DevicesAsync(Number("devices", 20));
        var total = Number("events", buttons.Count);
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var accepted = 0;
        var duplicates = 0;
        var sends = new List<Task>();
        using (var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / Number("per-second", 10))))
        {
            for (var n = 0; n < total && await pace.WaitForNextTickAsync(stop.Token); n++)
            {
                var button = buttons[n % buttons.Count];
                sends.Add(Task.Run(async () =>
                {
                    var (status, results) = await simulator.SendUntilAcceptedAsync(button, [DeviceSimulator.Event("sos")], TimeSpan.FromMinutes(2), s => statuses.AddOrUpdate(s, 1, (_, c) => c + 1), stop.Token);
                    if (status == 202)
                    {
                        Interlocked.Increment(ref accepted);
                        Interlocked.Add(ref duplicates, results.Count(r => r.Duplicate));
                    }
                }));
            }
        }

        await Task.WhenAll(sends);
        Console.WriteLine($"burst: {total} events, {accepted} accepted ({duplicates} answered as duplicates of a lost 202); attempts by status: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(CultureInfo.InvariantCulture))}×{s.Value}")));
        return accepted == total ? 0 : 1;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
