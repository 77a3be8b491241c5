using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kuajing.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParcelRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Count",
                table: "parcels",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Count",
                table: "parcels");
        }
    }
}
