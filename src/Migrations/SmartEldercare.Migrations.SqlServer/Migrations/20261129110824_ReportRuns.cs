using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReportRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Reports_Runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "varchar(30)", unicode: false, maxLength: 30, nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Progress = table.Column<int>(type: "int", nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RequestedById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AutoKey = table.Column<string>(type: "varchar(80)", unicode: false, maxLength: 80, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Content = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xlsx = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports_Runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Runs_AutoKey",
                table: "Reports_Runs",
                column: "AutoKey",
                unique: true,
                filter: "[AutoKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Runs_RegionCode_CreatedAtUtc",
                table: "Reports_Runs",
                columns: new[] { "RegionCode", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Runs_Status",
                table: "Reports_Runs",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reports_Runs");
        }
    }
}
