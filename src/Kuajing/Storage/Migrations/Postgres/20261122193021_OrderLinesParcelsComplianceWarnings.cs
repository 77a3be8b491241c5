using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kuajing.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderLinesParcelsComplianceWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LinesJson",
                table: "orders",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "compliance_evaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    RulesFile = table.Column<string>(type: "text", nullable: true),
                    RanAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Changes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compliance_evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "compliance_warnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OrderId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    RuleId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Change = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Message = table.Column<string>(type: "text", nullable: false),
                    CostBefore = table.Column<decimal>(type: "numeric", nullable: true),
                    CostAfter = table.Column<decimal>(type: "numeric", nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RaisedAsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compliance_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "parcels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShipmentRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    WeightKg = table.Column<decimal>(type: "numeric", nullable: false),
                    LengthCm = table.Column<decimal>(type: "numeric", nullable: false),
                    WidthCm = table.Column<decimal>(type: "numeric", nullable: false),
                    HeightCm = table.Column<decimal>(type: "numeric", nullable: false),
                    Estimated = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parcels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_parcels_shipments_ShipmentRecordId",
                        column: x => x.ShipmentRecordId,
                        principalTable: "shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compliance_evaluations_AsOf",
                table: "compliance_evaluations",
                column: "AsOf");

            migrationBuilder.CreateIndex(
                name: "IX_compliance_warnings_SourceKey_RuleId_Change_EffectiveOn",
                table: "compliance_warnings",
                columns: new[] { "SourceKey", "RuleId", "Change", "EffectiveOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_compliance_warnings_TrackingNumber",
                table: "compliance_warnings",
                column: "TrackingNumber");

            migrationBuilder.CreateIndex(
                name: "IX_parcels_ShipmentRecordId_Sequence",
                table: "parcels",
                columns: new[] { "ShipmentRecordId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compliance_evaluations");

            migrationBuilder.DropTable(
                name: "compliance_warnings");

            migrationBuilder.DropTable(
                name: "parcels");

            migrationBuilder.DropColumn(
                name: "LinesJson",
                table: "orders");
        }
    }
}
