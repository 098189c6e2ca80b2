using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SelfPayPartnerGrantsAlarmActors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SelfPay",
                table: "HomeService_Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SelfPayCheckedAtUtc",
                table: "HomeService_Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Capabilities",
                table: "HealthLink_PartnerClients",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RegionCode",
                table: "HealthLink_PartnerClients",
                type: "TEXT",
                unicode: false,
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClosedById",
                table: "Emergency_Alarms",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RaisedById",
                table: "Emergency_Alarms",
                type: "TEXT",
                nullable: true);

            // Partners registered before grants existed keep what they could do: everything (PartnerCapabilities.All).
            migrationBuilder.Sql("UPDATE \"HealthLink_PartnerClients\" SET \"Capabilities\" = 31;");

            migrationBuilder.CreateIndex(
                name: "IX_Platform_Elders_Street_Updated",
                table: "Platform_Elders",
                columns: new[] { "StreetCode", "Status", "UpdatedAtUtc", "Id", "DistrictCode" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeService_Orders_SelfPay_SelfPayCheckedAtUtc",
                table: "HomeService_Orders",
                columns: new[] { "SelfPay", "SelfPayCheckedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Platform_Elders_Street_Updated",
                table: "Platform_Elders");

            migrationBuilder.DropIndex(
                name: "IX_HomeService_Orders_SelfPay_SelfPayCheckedAtUtc",
                table: "HomeService_Orders");

            migrationBuilder.DropColumn(
                name: "SelfPay",
                table: "HomeService_Orders");

            migrationBuilder.DropColumn(
                name: "SelfPayCheckedAtUtc",
                table: "HomeService_Orders");

            migrationBuilder.DropColumn(
                name: "Capabilities",
                table: "HealthLink_PartnerClients");

            migrationBuilder.DropColumn(
                name: "RegionCode",
                table: "HealthLink_PartnerClients");

            migrationBuilder.DropColumn(
                name: "ClosedById",
                table: "Emergency_Alarms");

            migrationBuilder.DropColumn(
                name: "RaisedById",
                table: "Emergency_Alarms");
        }
    }
}
