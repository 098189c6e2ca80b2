using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEldercare.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class HomeService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HomeService_Balances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    GrantedUnits = table.Column<int>(type: "integer", nullable: false),
                    SubsidyPercent = table.Column<int>(type: "integer", nullable: false),
                    RuleName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    UsedUnits = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Balances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_EntitlementRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MinCareLevel = table.Column<int>(type: "integer", nullable: false),
                    MaxCareLevel = table.Column<int>(type: "integer", nullable: false),
                    UnitsPerMonth = table.Column<int>(type: "integer", nullable: false),
                    SubsidyPercent = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_EntitlementRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Homes",
                columns: table => new
                {
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Location = table.Column<string>(type: "text", unicode: false, nullable: true),
                    QrToken = table.Column<string>(type: "character varying(22)", unicode: false, maxLength: 22, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Homes", x => x.ElderId);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_HospitalStays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_HospitalStays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", unicode: false, maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    StandardMinutes = table.Column<int>(type: "integer", nullable: false),
                    GuidePrice = table.Column<long>(type: "bigint", nullable: false),
                    Checklist = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Settlements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    GeneratedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GeneratedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StreetApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StreetApprovedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DistrictApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DistrictApprovedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    Units = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Subsidy = table.Column<long>(type: "bigint", nullable: false),
                    SelfPay = table.Column<long>(type: "bigint", nullable: false),
                    Excluded = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Settlements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Offerings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Price = table.Column<long>(type: "bigint", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Offerings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeService_Offerings_HomeService_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "HomeService_Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    WindowStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WindowEndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SelfPayConsent = table.Column<bool>(type: "boolean", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitPrice = table.Column<long>(type: "bigint", nullable: true),
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: true),
                    WorkerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DispatchedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DispatchedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AssignedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckInMethod = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    CheckInDistanceMeters = table.Column<int>(type: "integer", nullable: true),
                    CheckedOutAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DurationReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DurationNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TasksDone = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WorkerNotes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VerifiedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MissedHandled = table.Column<bool>(type: "boolean", nullable: false),
                    ReplacedByOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    Flags = table.Column<int>(type: "integer", nullable: false),
                    SubsidisedUnits = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    SubsidyAmount = table.Column<long>(type: "bigint", nullable: false),
                    SelfPayAmount = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeService_Orders_HomeService_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "HomeService_Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    WindowMinutes = table.Column<int>(type: "integer", nullable: false),
                    FromDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: true),
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: true),
                    SelfPayConsent = table.Column<bool>(type: "boolean", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeService_Plans_HomeService_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "HomeService_Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_SettlementLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SettlementId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ElderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RegionName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ItemName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPrice = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Subsidy = table.Column<long>(type: "bigint", nullable: false),
                    SelfPay = table.Column<long>(type: "bigint", nullable: false),
                    Included = table.Column<bool>(type: "boolean", nullable: false),
                    Exclusion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_SettlementLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeService_SettlementLines_HomeService_Settlements_Settlem~",
                        column: x => x.SettlementId,
                        principalTable: "HomeService_Settlements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_FollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", unicode: false, maxLength: 12, nullable: false),
                    Satisfaction = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsComplaint = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeService_FollowUps_HomeService_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "HomeService_Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_OrderSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(30)", unicode: false, maxLength: 30, nullable: false),
                    Actor = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_OrderSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeService_OrderSteps_HomeService_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "HomeService_Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Balances_ElderId_Month",
                table: "HomeService_Balances",
                columns: new[] { "ElderId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_FollowUps_OrderId",
                table: "HomeService_FollowUps",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_FollowUps_ProviderId_RecordedAtUtc",
                table: "HomeService_FollowUps",
                columns: new[] { "ProviderId", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Homes_QrToken",
                table: "HomeService_Homes",
                column: "QrToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_HospitalStays_ElderId_From",
                table: "HomeService_HospitalStays",
                columns: new[] { "ElderId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Items_Code",
                table: "HomeService_Items",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Offerings_ItemId_RegionCode",
                table: "HomeService_Offerings",
                columns: new[] { "ItemId", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Offerings_ProviderId_ItemId",
                table: "HomeService_Offerings",
                columns: new[] { "ProviderId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_ElderId_Month",
                table: "HomeService_Orders",
                columns: new[] { "ElderId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_ItemId",
                table: "HomeService_Orders",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_PlanId_ServiceDate",
                table: "HomeService_Orders",
                columns: new[] { "PlanId", "ServiceDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_ProviderId_Month",
                table: "HomeService_Orders",
                columns: new[] { "ProviderId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_RegionCode_Month",
                table: "HomeService_Orders",
                columns: new[] { "RegionCode", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_Status_RegionCode_WindowStartUtc",
                table: "HomeService_Orders",
                columns: new[] { "Status", "RegionCode", "WindowStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_Status_WindowStartUtc",
                table: "HomeService_Orders",
                columns: new[] { "Status", "WindowStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_WorkerId_ServiceDate",
                table: "HomeService_Orders",
                columns: new[] { "WorkerId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_OrderSteps_OrderId",
                table: "HomeService_OrderSteps",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Plans_Active_RegionCode",
                table: "HomeService_Plans",
                columns: new[] { "Active", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Plans_ElderId",
                table: "HomeService_Plans",
                column: "ElderId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Plans_ItemId",
                table: "HomeService_Plans",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_SettlementLines_OrderId",
                table: "HomeService_SettlementLines",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_SettlementLines_SettlementId",
                table: "HomeService_SettlementLines",
                column: "SettlementId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Settlements_ProviderId_Month",
                table: "HomeService_Settlements",
                columns: new[] { "ProviderId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Settlements_RegionCode_Month",
                table: "HomeService_Settlements",
                columns: new[] { "RegionCode", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HomeService_Balances");

            migrationBuilder.DropTable(
                name: "HomeService_EntitlementRules");

            migrationBuilder.DropTable(
                name: "HomeService_FollowUps");

            migrationBuilder.DropTable(
                name: "HomeService_Homes");

            migrationBuilder.DropTable(
                name: "HomeService_HospitalStays");

            migrationBuilder.DropTable(
                name: "HomeService_Offerings");

            migrationBuilder.DropTable(
                name: "HomeService_OrderSteps");

            migrationBuilder.DropTable(
                name: "HomeService_Plans");

            migrationBuilder.DropTable(
                name: "HomeService_SettlementLines");

            migrationBuilder.DropTable(
                name: "HomeService_Orders");

            migrationBuilder.DropTable(
                name: "HomeService_Settlements");

            migrationBuilder.DropTable(
                name: "HomeService_Items");
        }
    }
}
