using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ElderListOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_District_Age",
                table: "Platform_Elders",
                columns: new[] { "DistrictCode", "Status", "BirthDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_District_Region",
                table: "Platform_Elders",
                columns: new[] { "DistrictCode", "Status", "RegionCode", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_District_Updated",
                table: "Platform_Elders",
                columns: new[] { "DistrictCode", "Status", "UpdatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_Street_Age",
                table: "Platform_Elders",
                columns: new[] { "StreetCode", "Status", "BirthDate", "Id", "DistrictCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_Street_Region",
                table: "Platform_Elders",
                columns: new[] { "StreetCode", "Status", "RegionCode", "Name", "Id", "DistrictCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_District_Age",
                table: "Platform_Elders");

            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_District_Region",
                table: "Platform_Elders");

            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_District_Updated",
                table: "Platform_Elders");

            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_Street_Age",
                table: "Platform_Elders");

            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_Street_Region",
                table: "Platform_Elders");
        }
    }
}
