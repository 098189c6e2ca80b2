using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LiveEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Platform_LiveEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform_LiveEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Platform_LiveEvents_AtUtc",
                table: "Platform_LiveEvents",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Platform_LiveEvents_RegionCode_AtUtc",
                table: "Platform_LiveEvents",
                columns: new[] { "RegionCode", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Platform_LiveEvents");
        }
    }
}
