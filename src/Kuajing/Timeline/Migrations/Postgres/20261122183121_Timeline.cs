using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kuajing.Timeline.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Timeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "number_links",
                columns: table => new
                {
                    CarrierNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ShipmentNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LegSequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_number_links", x => new { x.CarrierNumber, x.ShipmentNumber });
                });

            migrationBuilder.CreateTable(
                name: "timeline_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LedgerIndex = table.Column<long>(type: "bigint", nullable: false),
                    EventKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ShipmentNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    CarrierNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EventTimeUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EventTimeOffsetMinutes = table.Column<int>(type: "integer", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Milestone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Location = table.Column<string>(type: "text", nullable: true),
                    SourceFormat = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceRef = table.Column<string>(type: "text", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CanonicalHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tree_heads",
                columns: table => new
                {
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RootHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tree_heads", x => x.TreeSize);
                });

            migrationBuilder.CreateIndex(
                name: "IX_number_links_ShipmentNumber",
                table: "number_links",
                column: "ShipmentNumber");

            migrationBuilder.CreateIndex(
                name: "IX_timeline_events_CarrierNumber_EventTimeUtc",
                table: "timeline_events",
                columns: new[] { "CarrierNumber", "EventTimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_events_EventKey",
                table: "timeline_events",
                column: "EventKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_timeline_events_LedgerIndex",
                table: "timeline_events",
                column: "LedgerIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_timeline_events_ShipmentNumber_EventTimeUtc",
                table: "timeline_events",
                columns: new[] { "ShipmentNumber", "EventTimeUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "number_links");

            migrationBuilder.DropTable(
                name: "timeline_events");

            migrationBuilder.DropTable(
                name: "tree_heads");
        }
    }
}
