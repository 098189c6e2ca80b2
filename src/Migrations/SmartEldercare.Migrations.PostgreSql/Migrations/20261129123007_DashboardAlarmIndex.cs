using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DashboardAlarmIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Emergency_Alarms_RaisedAtUtc_RegionCode",
                table: "Emergency_Alarms",
                columns: new[] { "RaisedAtUtc", "RegionCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Emergency_Alarms_RaisedAtUtc_RegionCode",
                table: "Emergency_Alarms");
        }
    }
}
