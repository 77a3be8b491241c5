using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kuajing.Storage.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BuyerCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    BuyerPostcode = table.Column<string>(type: "TEXT", nullable: true),
                    LineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    GoodsValue = table.Column<decimal>(type: "TEXT", nullable: false),
                    GoodsCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    WeightEstimated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "shipments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    OriginNode = table.Column<string>(type: "TEXT", nullable: false),
                    Objective = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Incoterm = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ReadyAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveryDays = table.Column<double>(type: "REAL", nullable: false),
                    GrossWeightKg = table.Column<decimal>(type: "TEXT", nullable: false),
                    Pieces = table.Column<int>(type: "INTEGER", nullable: false),
                    QuoteCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Freight = table.Column<decimal>(type: "TEXT", nullable: false),
                    FreightComplete = table.Column<bool>(type: "INTEGER", nullable: false),
                    Duty = table.Column<decimal>(type: "TEXT", nullable: true),
                    ImportTax = table.Column<decimal>(type: "TEXT", nullable: true),
                    Fees = table.Column<decimal>(type: "TEXT", nullable: false),
                    LandedCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    LandedCostComplete = table.Column<bool>(type: "INTEGER", nullable: false),
                    SellerPays = table.Column<decimal>(type: "TEXT", nullable: false),
                    BuyerPays = table.Column<decimal>(type: "TEXT", nullable: false),
                    Co2eKg = table.Column<decimal>(type: "TEXT", nullable: false),
                    Flags = table.Column<string>(type: "TEXT", nullable: false),
                    ParetoJson = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShipmentRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    LaneId = table.Column<string>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", nullable: false),
                    Service = table.Column<string>(type: "TEXT", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", nullable: false),
                    FromNode = table.Column<string>(type: "TEXT", nullable: false),
                    ToNode = table.Column<string>(type: "TEXT", nullable: false),
                    DepartureUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArrivalUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChargeableWeightKg = table.Column<decimal>(type: "TEXT", nullable: false),
                    Freight = table.Column<decimal>(type: "TEXT", nullable: true),
                    FreightCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    FreightInQuoteCurrency = table.Column<decimal>(type: "TEXT", nullable: true),
                    DistanceKm = table.Column<decimal>(type: "TEXT", nullable: false),
                    Co2eKg = table.Column<decimal>(type: "TEXT", nullable: false)
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
