using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class HealthLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HealthLink_PartnerClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientId = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    SecretHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RotatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthLink_PartnerClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HealthLink_PartnerEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientId = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    EventId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    IdNumberHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    IdNumberTail = table.Column<string>(type: "varchar(4)", unicode: false, maxLength: 4, nullable: false),
                    ElderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Facility = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Doctor = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReviewedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReviewNote = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthLink_PartnerEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Alarms_Outcome_ClosedAtUtc",
                table: "Emergency_Alarms",
                columns: new[] { "Outcome", "ClosedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthLink_PartnerClients_ClientId",
                table: "HealthLink_PartnerClients",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HealthLink_PartnerEvents_ClientId_EventId",
                table: "HealthLink_PartnerEvents",
                columns: new[] { "ClientId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HealthLink_PartnerEvents_ElderId_Type",
                table: "HealthLink_PartnerEvents",
                columns: new[] { "ElderId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthLink_PartnerEvents_Status_RegionCode_ReceivedAtUtc",
                table: "HealthLink_PartnerEvents",
                columns: new[] { "Status", "RegionCode", "ReceivedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HealthLink_PartnerClients");

            migrationBuilder.DropTable(
                name: "HealthLink_PartnerEvents");

            migrationBuilder.DropIndex(
                name: "IX_Emergency_Alarms_Outcome_ClosedAtUtc",
                table: "Emergency_Alarms");
        }
    }
}
