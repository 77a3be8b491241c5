using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kuajing.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OrderId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    BuyerCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    BuyerPostcode = table.Column<string>(type: "text", nullable: true),
                    LineCount = table.Column<int>(type: "integer", nullable: false),
                    GoodsValue = table.Column<decimal>(type: "numeric", nullable: false),
                    GoodsCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    WeightEstimated = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "shipments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderRecordId = table.Column<long>(type: "bigint", nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    OriginNode = table.Column<string>(type: "text", nullable: false),
                    Objective = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Incoterm = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ReadyAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveryDays = table.Column<double>(type: "double precision", nullable: false),
                    GrossWeightKg = table.Column<decimal>(type: "numeric", nullable: false),
                    Pieces = table.Column<int>(type: "integer", nullable: false),
                    QuoteCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Freight = table.Column<decimal>(type: "numeric", nullable: false),
                    FreightComplete = table.Column<bool>(type: "boolean", nullable: false),
                    Duty = table.Column<decimal>(type: "numeric", nullable: true),
                    ImportTax = table.Column<decimal>(type: "numeric", nullable: true),
                    Fees = table.Column<decimal>(type: "numeric", nullable: false),
                    LandedCost = table.Column<decimal>(type: "numeric", nullable: false),
                    LandedCostComplete = table.Column<bool>(type: "boolean", nullable: false),
                    SellerPays = table.Column<decimal>(type: "numeric", nullable: false),
                    BuyerPays = table.Column<decimal>(type: "numeric", nullable: false),
                    Co2eKg = table.Column<decimal>(type: "numeric", nullable: false),
                    Flags = table.Column<string>(type: "text", nullable: false),
                    ParetoJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shipments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_shipments_orders_OrderRecordId",
                        column: x => x.OrderRecordId,
                        principalTable: "orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "legs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShipmentRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    LaneId = table.Column<string>(type: "text", nullable: false),
                    Mode = table.Column<string>(type: "text", nullable: false),
                    Service = table.Column<string>(type: "text", nullable: false),
                    Carrier = table.Column<string>(type: "text", nullable: false),
                    FromNode = table.Column<string>(type: "text", nullable: false),
                    ToNode = table.Column<string>(type: "text", nullable: false),
                    DepartureUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ArrivalUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChargeableWeightKg = table.Column<decimal>(type: "numeric", nullable: false),
                    Freight = table.Column<decimal>(type: "numeric", nullable: true),
                    FreightCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    FreightInQuoteCurrency = table.Column<decimal>(type: "numeric", nullable: true),
                    DistanceKm = table.Column<decimal>(type: "numeric", nullable: false),
                    Co2eKg = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_legs_shipments_ShipmentRecordId",
                        column: x => x.ShipmentRecordId,
                        principalTable: "shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_legs_ShipmentRecordId_Sequence",
                table: "legs",
                columns: new[] { "ShipmentRecordId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_SourceKey",
                table: "orders",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shipments_OrderRecordId",
                table: "shipments",
                column: "OrderRecordId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shipments_TrackingNumber",
                table: "shipments",
                column: "TrackingNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "legs");

            migrationBuilder.DropTable(
                name: "shipments");

            migrationBuilder.DropTable(
                name: "orders");
        }
    }
}
