using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Kuajing.Orders;
using Kuajing.ReferenceData;

namespace Kuajing.Web.Tests.Api;

/// <summary>
/// Real invoices of the bundled UCI Online Retail dataset (D. Chen, UCI Machine Learning Repository, 2015,
/// doi:10.24432/C5BW33, CC BY 4.0; data/orders/online-retail) read by the library's <see cref="OrdersReader"/>, and written
/// as one generic JSON order (docs/order-format.md) placed 782 weeks later, as run.sh replays them (README, ADR 0004), so
/// the bundled lanes and rules are in force. Weights are left out: the reader estimates them as it does for the UCI file.
/// </summary>
internal static class UciInvoices
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<Order>> Months = new(StringComparer.Ordinal);

    public static string RepoRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Kuajing.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("repository root (Kuajing.slnx) not found");
        }

        return root;
    }

    /// <summary>One invoice as the reader accepts it (not replayed).</summary>
    /// <param name="month">The monthly file, e.g. <c>2011-03</c>.</param>
    /// <param name="invoice">The invoice number.</param>
    public static Order Read(string month, string invoice)
    {
        var orders = Months.GetOrAdd(month, m =>
        {
            var data = Path.Combine(RepoRoot(), "data");
            return OrdersReader.Create(ReferenceDataSet.Load(data)).Read(Path.Combine(data, "orders", "online-retail", $"orders-{m}.csv.gz")).Orders;
        });
        return orders.Single(o => o.OrderId == invoice);
    }

    /// <summary>The invoice as one generic JSON order, placed 782 weeks later.</summary>
    public static string Json(Order o) => JsonSerializer.Serialize(new
    {
        orderId = o.OrderId,
        placedAt = o.PlacedAt.PlusWeeks(782).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        buyerCountry = o.BuyerCountry.Value,
        lines = o.Lines.Select(l => new { sku = l.Sku, description = l.Description, quantity = l.Quantity, unitValue = l.UnitValue.Amount, currency = l.UnitValue.Currency.Value }).ToArray(),
    });

    /// <summary>Creates the invoice as an order of <paramref name="party"/> through <c>POST /api/orders</c>; returns its key and shipment number.</summary>
    public static async Task<(string Key, string? Shipment)> CreateAsync(ApiWorld world, string party, Order o, string query = "")
    {
        using var client = world.Client(party);
        using var response = await client.PostAsync(new Uri("/api/orders" + query, UriKind.Relative), new StringContent(Json(o), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating {o.OrderId}: {(int)response.StatusCode} {text}");
        }

        using var doc = JsonDocument.Parse(text);
        var number = doc.RootElement.GetProperty("trackingNumber");
        return (doc.RootElement.GetProperty("key").GetString()!, number.ValueKind == JsonValueKind.String ? number.GetString() : null);
    }
}
