using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    GrantedUnits = table.Column<int>(type: "INTEGER", nullable: false),
                    SubsidyPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    UsedUnits = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Balances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_EntitlementRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MinCareLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxCareLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsPerMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    SubsidyPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_EntitlementRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Homes",
                columns: table => new
                {
                    ElderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    Location = table.Column<string>(type: "TEXT", unicode: false, nullable: true),
                    QrToken = table.Column<string>(type: "TEXT", unicode: false, maxLength: 22, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Homes", x => x.ElderId);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_HospitalStays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_HospitalStays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", unicode: false, maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StandardMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    GuidePrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Checklist = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Settlements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneratedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    StreetApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StreetApprovedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DistrictApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DistrictApprovedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false),
                    Units = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Subsidy = table.Column<long>(type: "INTEGER", nullable: false),
                    SelfPay = table.Column<long>(type: "INTEGER", nullable: false),
                    Excluded = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_Settlements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_Offerings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    Price = table.Column<long>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WindowEndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SelfPayConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    WorkerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WorkerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DispatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DispatchedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AssignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckedInAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckInMethod = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    CheckInDistanceMeters = table.Column<int>(type: "INTEGER", nullable: true),
                    CheckedOutAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DurationReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DurationNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TasksDone = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WorkerNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MissedHandled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReplacedByOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Flags = table.Column<int>(type: "INTEGER", nullable: false),
                    SubsidisedUnits = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    SubsidyAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    SelfPayAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    WindowMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WorkerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SelfPayConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SettlementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ElderName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RegionName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ItemName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Subsidy = table.Column<long>(type: "INTEGER", nullable: false),
                    SelfPay = table.Column<long>(type: "INTEGER", nullable: false),
                    Included = table.Column<bool>(type: "INTEGER", nullable: false),
                    Exclusion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeService_SettlementLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeService_SettlementLines_HomeService_Settlements_SettlementId",
                        column: x => x.SettlementId,
                        principalTable: "HomeService_Settlements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HomeService_FollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ElderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 12, nullable: false),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsComplaint = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", unicode: false, maxLength: 30, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
