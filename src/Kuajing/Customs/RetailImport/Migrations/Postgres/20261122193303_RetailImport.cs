using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kuajing.Customs.RetailImport.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RetailImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "retail_import_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    transaction_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    buyer_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    treatment = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reserved_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    committed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    refunded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retail_import_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "retail_import_quota",
                columns: table => new
                {
                    buyer_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    used_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retail_import_quota", x => new { x.buyer_key, x.year });
                });

            migrationBuilder.CreateIndex(
                name: "IX_retail_import_entries_buyer_key_year",
                table: "retail_import_entries",
                columns: new[] { "buyer_key", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_retail_import_entries_transaction_id",
                table: "retail_import_entries",
                column: "transaction_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "retail_import_entries");

            migrationBuilder.DropTable(
                name: "retail_import_quota");
        }
    }
}
