using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ElderCareLevelIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_District_Care",
                table: "Platform_Elders",
                columns: new[] { "DistrictCode", "Status", "CareLevel", "BirthDate", "Name", "Id", "KeyGroups" });

            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_Street_Care",
                table: "Platform_Elders",
                columns: new[] { "StreetCode", "Status", "CareLevel", "BirthDate", "Name", "Id", "KeyGroups", "DistrictCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_District_Care",
                table: "Platform_Elders");

            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_Street_Care",
                table: "Platform_Elders");
        }
    }
}
