using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEldercare.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class MoneyInFen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
