using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kuajing.Storage.Migrations.Sqlite
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
                type: "INTEGER",
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
