using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SocialLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HomeServiceOrderId",
                table: "Social_SubsidisedMeals",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Social_VisitAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VisitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    ElderName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AssignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AssignedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_VisitAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Social_VisitAssignments_Social_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Social_Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Social_SubsidisedMeals_HomeServiceOrderId",
                table: "Social_SubsidisedMeals",
                column: "HomeServiceOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Social_VisitAssignments_VisitId_VolunteerId",
                table: "Social_VisitAssignments",
                columns: new[] { "VisitId", "VolunteerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Social_VisitAssignments_VolunteerId",
                table: "Social_VisitAssignments",
                column: "VolunteerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Social_VisitAssignments");

            migrationBuilder.DropIndex(
                name: "IX_Social_SubsidisedMeals_HomeServiceOrderId",
                table: "Social_SubsidisedMeals");

            migrationBuilder.DropColumn(
                name: "HomeServiceOrderId",
                table: "Social_SubsidisedMeals");
        }
    }
}
