using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Card : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Card_Accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Key = table.Column<string>(type: "varchar(60)", unicode: false, maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CardId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Balance = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Card_Accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Card_Cards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    Uid = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    ElderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ElderName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    IdNumberTail = table.Column<string>(type: "varchar(8)", unicode: false, maxLength: 8, nullable: false),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SubsidyAccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SelfAccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReplacedByCardId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReplacesCardId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    StatusReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    IssuedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    IssuedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    StatusChangedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Card_Cards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Card_Entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "varchar(120)", unicode: false, maxLength: 120, nullable: true),
                    CardId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ElderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TerminalId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RuleId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Month = table.Column<int>(type: "int", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    SubsidyPart = table.Column<long>(type: "bigint", nullable: false),
                    SelfPart = table.Column<long>(type: "bigint", nullable: false),
                    Refunded = table.Column<long>(type: "bigint", nullable: false),
                    RefundOf = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Note = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    By = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Card_Entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Card_Rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    MinAge = table.Column<int>(type: "int", nullable: false),
                    MaxAge = table.Column<int>(type: "int", nullable: true),
                    KeyGroups = table.Column<int>(type: "int", nullable: false),
                    MinCareLevel = table.Column<int>(type: "int", nullable: false),
                    MonthlyAmount = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAtYearEnd = table.Column<bool>(type: "bit", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Card_Rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Card_Terminals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "varchar(12)", unicode: false, maxLength: 12, nullable: false),
                    KeyHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Card_Terminals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Card_Lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntryId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Card_Lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Card_Lines_Card_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Card_Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Card_Lines_Card_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Card_Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Card_Accounts_CardId",
                table: "Card_Accounts",
                column: "CardId");

            migrationBuilder.CreateIndex(
                name: "IX_Card_Accounts_Key",
                table: "Card_Accounts",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Card_Cards_ElderId",
                table: "Card_Cards",
                column: "ElderId");

            migrationBuilder.CreateIndex(
                name: "IX_Card_Cards_Number",
                table: "Card_Cards",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Card_Cards_RegionCode_Status",
                table: "Card_Cards",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Card_Cards_Uid",
                table: "Card_Cards",
                column: "Uid");

            migrationBuilder.CreateIndex(
                name: "IX_Card_Entries_CardId_AtUtc",
                table: "Card_Entries",
                columns: new[] { "CardId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Card_Entries_ElderId_AtUtc",
                table: "Card_Entries",
                columns: new[] { "ElderId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Card_Entries_IdempotencyKey",
                table: "Card_Entries",
                column: "IdempotencyKey",
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Card_Entries_Kind_AtUtc",
                table: "Card_Entries",
                columns: new[] { "Kind", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Card_Entries_Kind_Month",
                table: "Card_Entries",
                columns: new[] { "Kind", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_Card_Entries_OrganisationId_AtUtc",
                table: "Card_Entries",
                columns: new[] { "OrganisationId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Card_Lines_AccountId",
                table: "Card_Lines",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Card_Lines_EntryId",
                table: "Card_Lines",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_Card_Terminals_Code",
                table: "Card_Terminals",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Card_Cards");

            migrationBuilder.DropTable(
                name: "Card_Lines");

            migrationBuilder.DropTable(
                name: "Card_Rules");

            migrationBuilder.DropTable(
                name: "Card_Terminals");

            migrationBuilder.DropTable(
                name: "Card_Accounts");

            migrationBuilder.DropTable(
                name: "Card_Entries");
        }
    }
}
