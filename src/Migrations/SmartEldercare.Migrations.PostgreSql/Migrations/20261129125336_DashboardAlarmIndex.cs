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
                name: "IX_Emergency_Alarms_RaisedAtUtc_RegionCode_Priority_Status_Ack~",
                table: "Emergency_Alarms",
                columns: new[] { "RaisedAtUtc", "RegionCode", "Priority", "Status", "AcknowledgedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Emergency_Alarms_RaisedAtUtc_RegionCode_Priority_Status_Ack~",
                table: "Emergency_Alarms");
        }
    }
}
