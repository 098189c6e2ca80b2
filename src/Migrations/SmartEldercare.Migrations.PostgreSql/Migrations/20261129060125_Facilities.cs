using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SmartEldercare.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Facilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Facilities_Beds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResidentElderId = table.Column<Guid>(type: "uuid", nullable: true),
                    CareLevel = table.Column<int>(type: "integer", nullable: true),
                    AdmittedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ResidencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Beds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Beds_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_CareRatios",
                columns: table => new
                {
                    CareLevel = table.Column<int>(type: "integer", nullable: false),
                    ResidentsPerCarer = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_CareRatios", x => x.CareLevel);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReferenceNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ComplainantName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ComplainantPhone = table.Column<string>(type: "text", unicode: false, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Handling = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    HandledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Complaints_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Of = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", unicode: false, maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Evidence_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Profiles",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    LicenceNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LicenceIssuer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LicenceValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    StarRating = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Services = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Profiles", x => x.OrganisationId);
                    table.ForeignKey(
                        name: "FK_Facilities_Profiles_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Staff",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Certificate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CertificateValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Staff", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Staff_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ItemsText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Residencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    BedId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CareLevel = table.Column<int>(type: "integer", nullable: false),
                    AdmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DischargedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DischargeReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Residencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Residencies_Facilities_Beds_BedId",
                        column: x => x.BedId,
                        principalTable: "Facilities_Beds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Facilities_Residencies_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Shifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Shifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Shifts_Facilities_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Facilities_Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Facilities_Shifts_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    InspectorId = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectorName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    InspectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Inspections_Facilities_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Facilities_Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Facilities_Inspections_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Facilities_Hazards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    ChecklistItem = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Risk = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FixNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FixedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FixedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VerifiedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ReopenNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Reopened = table.Column<int>(type: "integer", nullable: false),
                    EscalatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities_Hazards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Facilities_Hazards_Facilities_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Facilities_Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Facilities_Hazards_Platform_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Platform_Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Facilities_Templates",
                columns: new[] { "Id", "Active", "ItemsText", "Kind", "Name", "Version" },
                values: new object[,]
                {
                    { new Guid("0193a000-0000-7000-8000-000000000901"), true, "防噎食：高风险老人有评估与进食看护\n防食品药品误食：药品专柜加锁、分发核对\n防压疮：卧床老人定时翻身记录\n防烫伤：热水器与暖水瓶管理\n防坠床：床栏完好并按评估使用\n防跌倒：地面防滑、扶手、夜灯\n防走失：出入登记与定位设备\n防他伤和自伤：危险物品管控与情绪观察\n防文娱活动意外：活动前评估与现场看护", "NineHazards", "养老机构“九防”安全检查表", 0 },
                    { new Guid("0193a000-0000-7000-8000-000000000902"), true, "疏散通道、安全出口畅通\n灭火器、消火栓在有效期内\n火灾自动报警系统运行正常\n电动车不进楼、不在室内充电\n夜间值班与防火巡查记录完整\n员工会报警、会疏散、会使用灭火器", "FireSafety", "消防安全检查表", 0 },
                    { new Guid("0193a000-0000-7000-8000-000000000903"), true, "食品经营许可证在有效期内\n从业人员健康证齐全\n食材进货查验与台账\n餐具清洗消毒\n食品留样48小时\n生熟分开、冷藏温度达标", "FoodSafety", "食品安全检查表", 0 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Beds_OrganisationId_Code",
                table: "Facilities_Beds",
                columns: new[] { "OrganisationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Beds_RegionCode",
                table: "Facilities_Beds",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Beds_ResidentElderId",
                table: "Facilities_Beds",
                column: "ResidentElderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Complaints_OrganisationId_Status",
                table: "Facilities_Complaints",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Complaints_RegionCode",
                table: "Facilities_Complaints",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Evidence_OrganisationId",
                table: "Facilities_Evidence",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Evidence_OwnerId",
                table: "Facilities_Evidence",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Evidence_RegionCode",
                table: "Facilities_Evidence",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Hazards_InspectionId",
                table: "Facilities_Hazards",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Hazards_OrganisationId_Status",
                table: "Facilities_Hazards",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Hazards_RegionCode",
                table: "Facilities_Hazards",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Hazards_Status_DeadlineUtc",
                table: "Facilities_Hazards",
                columns: new[] { "Status", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Inspections_OrganisationId_InspectedAtUtc",
                table: "Facilities_Inspections",
                columns: new[] { "OrganisationId", "InspectedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Inspections_RegionCode",
                table: "Facilities_Inspections",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Inspections_TemplateId",
                table: "Facilities_Inspections",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Profiles_RegionCode",
                table: "Facilities_Profiles",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Residencies_BedId",
                table: "Facilities_Residencies",
                column: "BedId");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Residencies_ElderId_AdmittedOn",
                table: "Facilities_Residencies",
                columns: new[] { "ElderId", "AdmittedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Residencies_OrganisationId",
                table: "Facilities_Residencies",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Residencies_RegionCode",
                table: "Facilities_Residencies",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Shifts_OrganisationId_Date",
                table: "Facilities_Shifts",
                columns: new[] { "OrganisationId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Shifts_RegionCode",
                table: "Facilities_Shifts",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Shifts_StaffId_Date_Kind",
                table: "Facilities_Shifts",
                columns: new[] { "StaffId", "Date", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Staff_OrganisationId_Active",
                table: "Facilities_Staff",
                columns: new[] { "OrganisationId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_Staff_RegionCode",
                table: "Facilities_Staff",
                column: "RegionCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Facilities_CareRatios");

            migrationBuilder.DropTable(
                name: "Facilities_Complaints");

            migrationBuilder.DropTable(
                name: "Facilities_Evidence");

            migrationBuilder.DropTable(
                name: "Facilities_Hazards");

            migrationBuilder.DropTable(
                name: "Facilities_Profiles");

            migrationBuilder.DropTable(
                name: "Facilities_Residencies");

            migrationBuilder.DropTable(
                name: "Facilities_Shifts");

            migrationBuilder.DropTable(
                name: "Facilities_Inspections");

            migrationBuilder.DropTable(
                name: "Facilities_Beds");

            migrationBuilder.DropTable(
                name: "Facilities_Staff");

            migrationBuilder.DropTable(
                name: "Facilities_Templates");
        }
    }
}
