using System.CommandLine;
using System.Text;
using Kuajing.Documents;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using Kuajing.Storage;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary>Which document <c>kuajing documents</c> writes.</summary>
internal enum DocumentKind
{
    /// <summary>Commercial invoice.</summary>
    Invoice,

    /// <summary>Packing list.</summary>
    PackingList,
}

/// <summary>Arguments of <c>kuajing documents invoice|packing-list</c>.</summary>
/// <param name="Kind">Which document.</param>
/// <param name="OrderId">Order id (invoice number).</param>
/// <param name="Source">Input name when the order id is stored for several inputs, or <see langword="null"/>.</param>
/// <param name="Out">Output HTML file, or <see langword="null"/> for <c>ORDER-invoice.html</c> / <c>ORDER-packing-list.html</c>.</param>
/// <param name="Db">SQLite store path.</param>
/// <param name="Postgres">PostgreSQL connection string, or <see langword="null"/>.</param>
/// <param name="Seller">Seller / exporter name, or <see langword="null"/> when not recorded.</param>
/// <param name="SellerAddress">Seller address, or <see langword="null"/>.</param>
/// <param name="DataDir">Reference data folder, or <see langword="null"/>.</param>
internal sealed record DocumentArguments(DocumentKind Kind, string OrderId, string? Source, string? Out, string Db, string? Postgres, string? Seller, string? SellerAddress, string? DataDir);

/// <summary><c>kuajing documents invoice | packing-list</c>: a planned shipment's commercial invoice and packing list as printable HTML.</summary>
internal static class DocumentCommands
{
    /// <summary>Builds the <c>documents</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create() =>
        new("documents", "Commercial invoice and packing list of a planned shipment, as printable HTML (A4, English / 简体中文).")
        {
            Build("invoice", "Write the commercial invoice (商业发票) of an order's shipment.", DocumentKind.Invoice),
            Build("packing-list", "Write the packing list (装箱单) of an order's shipment: parcels with dimensions and weights as planned.", DocumentKind.PackingList),
        };

    /// <summary>Writes one document.</summary>
    /// <param name="args">Arguments.</param>
    /// <param name="console">Where to report.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>0 written, 1 order not found or not shipped, 2 usage error.</returns>
    public static async Task<int> RunAsync(DocumentArguments args, IAnsiConsole console, CancellationToken ct)
    {
        if (args.Out is { } o && !o.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !o.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
        {
            console.MarkupLineInterpolated($"[red]--out: '{o}' must end in .html[/]");
            return 2;
        }

        ShipmentDocument? doc;
        try
        {
            await using var store = await PlanStore.OpenAsync(args.Postgres is null ? args.Db : null, args.Postgres, ct);
            doc = await ShipmentDocument.LoadAsync(store, args.OrderId, args.Source, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidDataException)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }

        if (doc is null)
        {
            console.MarkupLineInterpolated($"[red]--order: no order '{args.OrderId}' in the store; run 'kuajing plan' first[/]");
            return 1;
        }

        var catalogue = LaneCatalogue.Load(args.DataDir ?? DataDirectory.Find());
        var hub = catalogue.Nodes.TryGetValue(doc.Shipment.OriginNode, out var node) ? node : null;
        var hubText = hub is null ? doc.Shipment.OriginNode : $"{hub.Name} ({hub.Code}), {hub.Country}";
        var seller = args.Seller is null ? DocumentParty.NotRecorded(hubText) : new DocumentParty(args.Seller, args.SellerAddress ?? hubText);
        var options = new DocumentOptions(seller, hub?.Country.Value ?? "unknown", CountryOfOriginAssumed: true);
        var html = args.Kind == DocumentKind.Invoice ? ShipmentDocumentHtml.Invoice(doc, options) : ShipmentDocumentHtml.PackingList(doc, options);
        var path = args.Out ?? $"{Safe(args.OrderId)}-{(args.Kind == DocumentKind.Invoice ? "invoice" : "packing-list")}.html";
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        await File.WriteAllTextAsync(path, html, new UTF8Encoding(false), ct);
        console.MarkupLineInterpolated($"{(args.Kind == DocumentKind.Invoice ? "Commercial invoice" : "Packing list")} of order {args.OrderId} ({doc.Shipment.TrackingNumber}): {path}");
        return 0;
    }

    private static Command Build(string name, string description, DocumentKind kind)
    {
        var order = new Option<string>("--order") { Description = "Order id (the invoice number, e.g. 536365).", Required = true };
        var source = new Option<string?>("--source") { Description = "Input name (e.g. online-retail) when the order id was planned from several inputs." };
        var output = new Option<string?>("--out") { Description = "Output FILE.html (default ORDER-invoice.html / ORDER-packing-list.html)." };
        var db = new Option<string>("--db") { Description = "SQLite plan store.", DefaultValueFactory = _ => "kuajing.db" };
        var postgres = new Option<string?>("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db." };
        var seller = new Option<string?>("--seller") { Description = "Seller / exporter name (the order data records none)." };
        var sellerAddress = new Option<string?>("--seller-address") { Description = "Seller / exporter address (default: the origin hub)." };
        var dataDir = new Option<string?>("--data") { Description = "Reference data folder (default: the repository's data/)." };
        var command = new Command(name, description) { order, source, output, db, postgres, seller, sellerAddress, dataDir };
        command.SetAction((parse, ct) => RunAsync(
            new DocumentArguments(kind, parse.GetValue(order)!, parse.GetValue(source), parse.GetValue(output), parse.GetValue(db)!, parse.GetValue(postgres), parse.GetValue(seller), parse.GetValue(sellerAddress), parse.GetValue(dataDir)),
            AnsiConsole.Console,
            ct));
        return command;
    }

    private static string Safe(string id) => string.Concat(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
