using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kuajing.Timeline.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Exceptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExceptionJson",
                table: "webhook_deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "shipment_exceptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExceptionId = table.Column<string>(type: "TEXT", maxLength: 180, nullable: false),
                    ShipmentNumber = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LegSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    NodeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EvidenceEventKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PlannedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ObservedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ThresholdSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    UsualDwellSeconds = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ClearedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClearingEventKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ClearDetectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shipment_exceptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_shipment_exceptions_ExceptionId",
                table: "shipment_exceptions",
                column: "ExceptionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shipment_exceptions_ShipmentNumber_RaisedAtUtc",
                table: "shipment_exceptions",
                columns: new[] { "ShipmentNumber", "RaisedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_shipment_exceptions_Status_ShipmentNumber",
                table: "shipment_exceptions",
                columns: new[] { "Status", "ShipmentNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shipment_exceptions");

            migrationBuilder.DropColumn(
                name: "ExceptionJson",
                table: "webhook_deliveries");
        }
    }
}
