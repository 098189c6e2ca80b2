using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Emergency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Emergency_Alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Priority = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    DeviceId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ElderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Tier = table.Column<int>(type: "int", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EscalatesAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    DispatchedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResponderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ResponderName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    OnSceneAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Emergency_Alarms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Emergency_Devices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    ElderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    Secret = table.Column<string>(type: "varchar(max)", unicode: false, nullable: false),
                    HeartbeatSeconds = table.Column<int>(type: "int", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    BatteryPercent = table.Column<int>(type: "int", nullable: true),
                    LastPressUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Offline = table.Column<bool>(type: "bit", nullable: false),
                    SilentAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Emergency_Devices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Emergency_AlarmSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AlarmId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Action = table.Column<string>(type: "varchar(30)", unicode: false, maxLength: 30, nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Emergency_AlarmSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Emergency_AlarmSteps_Emergency_Alarms_AlarmId",
                        column: x => x.AlarmId,
                        principalTable: "Emergency_Alarms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Emergency_DeviceEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DeviceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EventId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "varchar(20)", unicode: false, maxLength: 20, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Readings = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AlarmId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Emergency_DeviceEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Emergency_DeviceEvents_Emergency_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Emergency_Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Alarms_DeviceId_Type_Status",
                table: "Emergency_Alarms",
                columns: new[] { "DeviceId", "Type", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Alarms_ElderId_RaisedAtUtc",
                table: "Emergency_Alarms",
                columns: new[] { "ElderId", "RaisedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Alarms_RegionCode_RaisedAtUtc",
                table: "Emergency_Alarms",
                columns: new[] { "RegionCode", "RaisedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Alarms_Status_EscalatesAtUtc",
                table: "Emergency_Alarms",
                columns: new[] { "Status", "EscalatesAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Alarms_Status_RegionCode_RaisedAtUtc",
                table: "Emergency_Alarms",
                columns: new[] { "Status", "RegionCode", "RaisedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_AlarmSteps_AlarmId",
                table: "Emergency_AlarmSteps",
                column: "AlarmId");

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_DeviceEvents_DeviceId_EventId",
                table: "Emergency_DeviceEvents",
                columns: new[] { "DeviceId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Devices_Code",
                table: "Emergency_Devices",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Devices_ElderId",
                table: "Emergency_Devices",
                column: "ElderId");

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Devices_Enabled_Offline_SilentAfterUtc",
                table: "Emergency_Devices",
                columns: new[] { "Enabled", "Offline", "SilentAfterUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Devices_RegionCode_Kind",
                table: "Emergency_Devices",
                columns: new[] { "RegionCode", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Emergency_AlarmSteps");

            migrationBuilder.DropTable(
                name: "Emergency_DeviceEvents");

            migrationBuilder.DropTable(
                name: "Emergency_Alarms");

            migrationBuilder.DropTable(
                name: "Emergency_Devices");
        }
    }
}
