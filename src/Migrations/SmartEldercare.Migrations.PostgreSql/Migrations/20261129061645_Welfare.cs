using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEldercare.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Welfare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Welfare_AllowanceBands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromAge = table.Column<int>(type: "integer", nullable: false),
                    MonthlyAmount = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_AllowanceBands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Welfare_AllowanceLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Elders = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    GeneratedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GeneratedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VillageApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VillageApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StreetApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StreetApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DistrictApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DistrictApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_AllowanceLists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Welfare_AwayPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_AwayPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Welfare_Checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Reason = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    LastActivityUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WaterLitres = table.Column<double>(type: "double precision", nullable: true),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EscalateAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AlarmId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_Checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Welfare_Overpayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LineId = table.Column<long>(type: "bigint", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusDate = table.Column<DateOnly>(type: "date", nullable: false),
                    FoundAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Recovered = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_Overpayments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Welfare_Visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Tier = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AssignedToId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedToName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Health = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Mood = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    HomeSafety = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Needs = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FollowUps = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_Visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Welfare_WatchThresholds",
                columns: table => new
                {
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    InactivityHours = table.Column<int>(type: "integer", nullable: false),
                    MinWaterLitres = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_WatchThresholds", x => x.ElderId);
                });

            migrationBuilder.CreateTable(
                name: "Welfare_AllowanceLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IdNumberTail = table.Column<string>(type: "character varying(8)", unicode: false, maxLength: 8, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Age = table.Column<int>(type: "integer", nullable: false),
                    BandFromAge = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Welfare_AllowanceLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Welfare_AllowanceLines_Welfare_AllowanceLists_ListId",
                        column: x => x.ListId,
                        principalTable: "Welfare_AllowanceLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_AllowanceBands_FromAge",
                table: "Welfare_AllowanceBands",
                column: "FromAge",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_AllowanceLines_ElderId",
                table: "Welfare_AllowanceLines",
                column: "ElderId");

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_AllowanceLines_ListId_ElderId",
                table: "Welfare_AllowanceLines",
                columns: new[] { "ListId", "ElderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_AllowanceLists_Month_RegionCode",
                table: "Welfare_AllowanceLists",
                columns: new[] { "Month", "RegionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_AwayPeriods_ElderId_From",
                table: "Welfare_AwayPeriods",
                columns: new[] { "ElderId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_AwayPeriods_RegionCode_To",
                table: "Welfare_AwayPeriods",
                columns: new[] { "RegionCode", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Checks_ElderId_Status",
                table: "Welfare_Checks",
                columns: new[] { "ElderId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Checks_RegionCode_Status",
                table: "Welfare_Checks",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Checks_Status_EscalateAtUtc",
                table: "Welfare_Checks",
                columns: new[] { "Status", "EscalateAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Overpayments_LineId",
                table: "Welfare_Overpayments",
                column: "LineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Overpayments_RegionCode_Month",
                table: "Welfare_Overpayments",
                columns: new[] { "RegionCode", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Visits_ElderId_Reason_DueDate",
                table: "Welfare_Visits",
                columns: new[] { "ElderId", "Reason", "DueDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Visits_RegionCode_VisitedOn",
                table: "Welfare_Visits",
                columns: new[] { "RegionCode", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Welfare_Visits_Status_RegionCode_DueDate",
                table: "Welfare_Visits",
                columns: new[] { "Status", "RegionCode", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Welfare_AllowanceBands");

            migrationBuilder.DropTable(
                name: "Welfare_AllowanceLines");

            migrationBuilder.DropTable(
                name: "Welfare_AwayPeriods");

            migrationBuilder.DropTable(
                name: "Welfare_Checks");

            migrationBuilder.DropTable(
                name: "Welfare_Overpayments");

            migrationBuilder.DropTable(
                name: "Welfare_Visits");

            migrationBuilder.DropTable(
                name: "Welfare_WatchThresholds");

            migrationBuilder.DropTable(
                name: "Welfare_AllowanceLists");
        }
    }
}
