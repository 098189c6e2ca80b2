using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEldercare.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Social : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Social_Activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Track = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    VenueId = table.Column<Guid>(type: "uuid", nullable: true),
                    VenueName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Enrolled = table.Column<int>(type: "integer", nullable: false),
                    WaitSequence = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_Activities", x => x.Id);
                    table.CheckConstraint("CK_Social_Activities_Capacity", "\"Enrolled\" >= 0 AND \"Enrolled\" <= \"Capacity\"");
                });

            migrationBuilder.CreateTable(
                name: "Social_Charities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Offers = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "text", unicode: false, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_Charities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Social_CommunityPoints",
                columns: table => new
                {
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_CommunityPoints", x => x.RegionCode);
                });

            migrationBuilder.CreateTable(
                name: "Social_MealDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CanteenId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    DineIn = table.Column<int>(type: "integer", nullable: false),
                    Delivery = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_MealDays", x => x.Id);
                    table.CheckConstraint("CK_Social_MealDays_Counts", "\"DineIn\" >= 0 AND \"Delivery\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "Social_Resources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Offers = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_Resources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Social_SubsidisedMeals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CanteenId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ElderRegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SubsidyGroup = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubsidyFen = table.Column<long>(type: "bigint", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_SubsidisedMeals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Social_Volunteers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Phone = table.Column<string>(type: "text", unicode: false, nullable: true),
                    Skills = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Availability = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    BalanceMinutes = table.Column<long>(type: "bigint", nullable: false),
                    EarnedMinutes = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_Volunteers", x => x.Id);
                    table.CheckConstraint("CK_Social_Volunteers_Balance", "\"BalanceMinutes\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "Social_Enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    WaitNumber = table.Column<int>(type: "integer", nullable: true),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnrolledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_Enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Social_Enrolments_Social_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Social_Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Social_Sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_Sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Social_Sessions_Social_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Social_Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Social_CharityActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CharityId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Beneficiaries = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_CharityActivities", x => x.Id);
                    table.CheckConstraint("CK_Social_CharityActivities_Beneficiaries", "\"Beneficiaries\" >= 0");
                    table.ForeignKey(
                        name: "FK_Social_CharityActivities_Social_Charities_CharityId",
                        column: x => x.CharityId,
                        principalTable: "Social_Charities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Social_ServiceRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_ServiceRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Social_ServiceRecords_Social_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Social_Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Social_TimeBank",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Minutes = table.Column<long>(type: "bigint", nullable: false),
                    ServiceRecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    CounterpartId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_TimeBank", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Social_TimeBank_Social_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Social_Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Social_VolunteerAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    AssignedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_VolunteerAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Social_VolunteerAssignments_Social_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Social_Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Social_VolunteerAssignments_Social_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Social_Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Social_Attendance",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Track = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Social_Attendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Social_Attendance_Social_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Social_Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Social_Activities_RegionCode_Track",
                table: "Social_Activities",
                columns: new[] { "RegionCode", "Track" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_Attendance_RegionCode_Track",
                table: "Social_Attendance",
                columns: new[] { "RegionCode", "Track" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_Attendance_SessionId_ElderId",
                table: "Social_Attendance",
                columns: new[] { "SessionId", "ElderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Social_Charities_RegionCode",
                table: "Social_Charities",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Social_CharityActivities_CharityId_Date",
                table: "Social_CharityActivities",
                columns: new[] { "CharityId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_Enrolments_ActivityId_ElderId",
                table: "Social_Enrolments",
                columns: new[] { "ActivityId", "ElderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Social_Enrolments_ActivityId_Status_WaitNumber",
                table: "Social_Enrolments",
                columns: new[] { "ActivityId", "Status", "WaitNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_MealDays_CanteenId_Date",
                table: "Social_MealDays",
                columns: new[] { "CanteenId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Social_MealDays_RegionCode_Date",
                table: "Social_MealDays",
                columns: new[] { "RegionCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_Resources_RegionCode",
                table: "Social_Resources",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Social_ServiceRecords_RegionCode_Status",
                table: "Social_ServiceRecords",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_ServiceRecords_VolunteerId_StartUtc",
                table: "Social_ServiceRecords",
                columns: new[] { "VolunteerId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_Sessions_ActivityId_StartsAtUtc",
                table: "Social_Sessions",
                columns: new[] { "ActivityId", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_SubsidisedMeals_CanteenId_Date",
                table: "Social_SubsidisedMeals",
                columns: new[] { "CanteenId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_SubsidisedMeals_ElderId_Date_Mode",
                table: "Social_SubsidisedMeals",
                columns: new[] { "ElderId", "Date", "Mode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Social_TimeBank_ServiceRecordId",
                table: "Social_TimeBank",
                column: "ServiceRecordId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Social_TimeBank_VolunteerId_AtUtc",
                table: "Social_TimeBank",
                columns: new[] { "VolunteerId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Social_VolunteerAssignments_ActivityId_VolunteerId",
                table: "Social_VolunteerAssignments",
                columns: new[] { "ActivityId", "VolunteerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Social_VolunteerAssignments_VolunteerId",
                table: "Social_VolunteerAssignments",
                column: "VolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_Social_Volunteers_RegionCode",
                table: "Social_Volunteers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Social_Volunteers_UserId",
                table: "Social_Volunteers",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Social_Attendance");

            migrationBuilder.DropTable(
                name: "Social_CharityActivities");

            migrationBuilder.DropTable(
                name: "Social_CommunityPoints");

            migrationBuilder.DropTable(
                name: "Social_Enrolments");

            migrationBuilder.DropTable(
                name: "Social_MealDays");

            migrationBuilder.DropTable(
                name: "Social_Resources");

            migrationBuilder.DropTable(
                name: "Social_ServiceRecords");

            migrationBuilder.DropTable(
                name: "Social_SubsidisedMeals");

            migrationBuilder.DropTable(
                name: "Social_TimeBank");

            migrationBuilder.DropTable(
                name: "Social_VolunteerAssignments");

            migrationBuilder.DropTable(
                name: "Social_Sessions");

            migrationBuilder.DropTable(
                name: "Social_Charities");

            migrationBuilder.DropTable(
                name: "Social_Volunteers");

            migrationBuilder.DropTable(
                name: "Social_Activities");
        }
    }
}
