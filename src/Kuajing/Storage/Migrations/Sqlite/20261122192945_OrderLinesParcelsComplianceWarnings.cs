using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kuajing.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "compliance_evaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RulesFile = table.Column<string>(type: "TEXT", nullable: true),
                    RanAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Changes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compliance_evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "compliance_warnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false),
                    CostBefore = table.Column<decimal>(type: "TEXT", nullable: true),
                    CostAfter = table.Column<decimal>(type: "TEXT", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RaisedAsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compliance_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "parcels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShipmentRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightKg = table.Column<decimal>(type: "TEXT", nullable: false),
                    LengthCm = table.Column<decimal>(type: "TEXT", nullable: false),
                    WidthCm = table.Column<decimal>(type: "TEXT", nullable: false),
                    HeightCm = table.Column<decimal>(type: "TEXT", nullable: false),
                    Estimated = table.Column<bool>(type: "INTEGER", nullable: false)
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
