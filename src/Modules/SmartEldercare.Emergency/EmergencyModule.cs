using MudBlazor;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform;
using SmartEldercare.Platform.Navigation;

namespace SmartEldercare.Emergency;

/// <summary>How long an alarm may stay unacknowledged at a tier before the ladder climbs, by priority.</summary>
public sealed class EmergencyOptions
{
    public int CriticalEscalateAfterSeconds { get; set; } = 60;

    public int HighEscalateAfterSeconds { get; set; } = 300;

    /// <summary>0: device-health alarms (battery, offline, tamper) do not climb.</summary>
    public int DeviceHealthEscalateAfterSeconds { get; set; }

    /// <summary>How often the ladder and the heartbeat check run; the ladder fires within this of its deadline.</summary>
    public int CheckEveryMilliseconds { get; set; } = 500;

    /// <summary>
    /// Device-event commits that may run at once. Requests arriving while they run are committed together by the
    /// next one (group commit); one suits SQLite (a single writer anyway), a server database may take more.
    /// </summary>
    public int IngestWriters { get; set; } = 1;

    /// <summary>The most events one group commit holds; a request's events are never split.</summary>
    public int IngestMaxEventsPerCommit { get; set; } = 500;

    public TimeSpan? EscalateAfter(AlarmPriority priority)
    {
        var seconds = priority switch
        {
            AlarmPriority.Critical => CriticalEscalateAfterSeconds,
            AlarmPriority.High => HighEscalateAfterSeconds,
            _ => DeviceHealthEscalateAfterSeconds,
        };
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
    }
}

public static class EmergencyModule
{
    /// <summary>The module as the host registers it.</summary>
    public static EldercareModule Module { get; } = new("emergency", typeof(EmergencyModule).Assembly, (services, configuration, _) => services.AddEmergencyModule(configuration), MapApi: api => api.MapEmergencyApi(), MapMachineApi: api => Features.Ingest.DeviceEventsEndpoint.MapDeviceEvents(api), Meters: [EmergencyMetrics.MeterName]);

    public static IServiceCollection AddEmergencyModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleBasics<EmergencyOptions>(configuration, "Emergency", typeof(EmergencyModule).Assembly);
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderRecordsFollow, Devices.DevicesFollowTheElder>();
        services.AddSingleton<EmergencyMetrics>();
        services.AddSingleton<Features.Ingest.DeviceEventIngestor>();
        services.AddSingleton<Features.Ingest.DeviceAuthenticator>();
        services.AddScoped<Features.Alarms.AlarmChange>();
        services.AddSingleton<AlarmRaising>();
        services.AddSingleton<AlarmEscalation>();
        services.AddSingleton<DeviceHealthCheck>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderAlarmHistory, ElderAlarmHistory>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IHospitalTransfers, HospitalTransfers>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IElderActivitySource, Devices.ElderActivitySource>();
        services.AddSingleton<SmartEldercare.Platform.Elders.IRaiseWelfareAlarm, WelfareAlarmRaiser>();
        services.AddHostedService<EmergencyBackgroundWork>();
        services.AddSingleton<Platform.Organisations.IFacilityAlarmCounts, FacilityAlarmCounts>();
        services.AddSingleton<Platform.Reporting.IMonthlyReportSection, Features.Reports.EmergencyReportSection>();
        services.AddSingleton<Platform.Dashboard.IDashboardSource, AlarmDashboardSource>();

        services.AddNavigation(new NavigationEntry("Nav.Emergency", "/emergency", Icons.Material.Filled.NotificationImportant, Permissions.EmergencyRead, "Nav.Group.Emergency", 100, ExactMatch: true));
        services.AddNavigation(new NavigationEntry("Nav.Emergency.Respond", "/emergency/respond", Icons.Material.Filled.DirectionsRun, Permissions.EmergencyRespond, "Nav.Group.Emergency", 110));
        services.AddNavigation(new NavigationEntry("Nav.Emergency.Devices", "/emergency/devices", Icons.Material.Filled.Sensors, Permissions.EmergencyRead, "Nav.Group.Emergency", 120));
        services.AddNavigation(new NavigationEntry("Nav.Emergency.Kpi", "/emergency/kpi", Icons.Material.Filled.Insights, Permissions.EmergencyRead, "Nav.Group.Emergency", 130));
        services.AddSingleton(new LayoutBanner(typeof(Features.Alarms.UnansweredAlarmsBanner), Permissions.EmergencyRead));
        services.AddLiveTopicLink("alarm.", u => $"/emergency/alarms/{u.RecordId}");
        services.AddLiveTopicLink("device.", _ => "/emergency/devices");
        return services;
    }
}
