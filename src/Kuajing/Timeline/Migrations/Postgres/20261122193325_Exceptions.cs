using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kuajing.Timeline.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "shipment_exceptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExceptionId = table.Column<string>(type: "character varying(180)", maxLength: 180, nullable: false),
                    ShipmentNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LegSequence = table.Column<int>(type: "integer", nullable: true),
                    NodeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EvidenceEventKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PlannedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ObservedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ThresholdSeconds = table.Column<long>(type: "bigint", nullable: false),
                    UsualDwellSeconds = table.Column<long>(type: "bigint", nullable: true),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ClearedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClearingEventKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ClearDetectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
