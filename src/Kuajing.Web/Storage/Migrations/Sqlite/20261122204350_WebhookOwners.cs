using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kuajing.Web.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WebhookOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "webhook_owners",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_owners", x => x.SubscriptionId);
                    table.ForeignKey(
                        name: "FK_webhook_owners_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_owners_OrganisationId",
                table: "webhook_owners",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhook_owners");
        }
    }
}
