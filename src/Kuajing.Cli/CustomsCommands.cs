using System.CommandLine;
using System.Globalization;
using Kuajing.Customs.China;
using Kuajing.Ledger;
using Kuajing.Orders;
using Kuajing.ReferenceData;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Numbers;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary>
/// <c>kuajing customs declare | verify | receipt</c>: China cross-border e-commerce declarations (9610, 9710, 9810, 1210, 1239) as CEB
/// messages validated against Kuajing's schema and, with the enterprise's key and certificate, signed (XML-DSig, regulatory-facts.md
/// §3.3); signature verification; and customs receipts parsed into a declaration status and a timeline event
/// (docs/china-customs.md). Exit codes: 0 ok, 1 rejected or bad data, 2 usage error.
/// </summary>
internal static class CustomsCommands
{
    /// <summary>The <c>customs</c> command and its subcommands.</summary>
    /// <returns>The commands.</returns>
    public static IEnumerable<Command> Create() =>
        [new Command("customs", "China cross-border e-commerce customs declarations (CEB messages) and receipts.") { Declare(), Verify(), Receipt() }];

    private static Command Declare()
    {
        var mode = new Option<string>("--mode") { Description = "Supervision mode: 9610, 9710, 9810, 1210 (or 1239 with --direction import).", Required = true };
        var order = new Option<string>("--order") { Description = "Invoice number of a bundled order (e.g. 545645).", Required = true };
        var input = new Option<string>("--input") { Description = "Declaration input JSON: order facts, payment, waybill, codes (docs/china-customs.md; sample samples/customs/545645-export.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the messages.", DefaultValueFactory = _ => Path.Combine("out", "customs") };
        var direction = new Option<string>("--direction") { Description = "export or import.", DefaultValueFactory = _ => "export" };
        var shift = new Option<int>("--shift-weeks") { Description = "Replay the order this many weeks later, as run.sh does (782 moves 2010-11 to 2025-26).", DefaultValueFactory = _ => 782 };
        var orders = new Option<string?>("--orders") { Description = "Order file or folder; default the bundled UCI data (data/orders/online-retail)." };
        var declaredAt = new Option<string?>("--declared-at") { Description = "Declaration instant (ISO 8601 UTC, e.g. 2026-02-27T06:00:00Z); default now." };
        var data = new Option<string?>("--data") { Description = "Data folder; default the repository's data/." };
        var signKey = new Option<string?>("--sign-key") { Description = "The enterprise's RSA private key (PEM, unencrypted) to sign each message (XML-DSig rsa-sha1); needs --sign-cert." };
        var signCert = new Option<string?>("--sign-cert") { Description = "The enterprise's X.509 certificate (PEM) matching --sign-key; written into each signature's KeyInfo." };
        var command = new Command("declare", "Write the CEB messages of one order's declaration, after the three-order check.") { mode, order, input, output, direction, shift, orders, declaredAt, data, signKey, signCert };
        command.SetAction((parse, ct) => Task.FromResult(RunDeclare(
            parse.GetValue(mode)!, parse.GetValue(order)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(direction)!,
            parse.GetValue(shift), parse.GetValue(orders), parse.GetValue(declaredAt), parse.GetValue(data), parse.GetValue(signKey), parse.GetValue(signCert))));
        return command;
    }

    internal static int RunDeclare(string modeText, string invoice, string inputPath, string outDir, string directionText, int shiftWeeks, string? ordersPath, string? declaredAtText, string? dataDir, string? signKeyPath = null, string? signCertPath = null)
    {
        var console = AnsiConsole.Console;
        using var credentials = LoadCredentials(console, signKeyPath, signCertPath, out var credentialsExit);
        if (credentialsExit != 0)
        {
            return credentialsExit;
        }

        if (!SupervisionModeTable.TryParseCode(modeText, out var mode))
        {
            console.MarkupLineInterpolated($"[red]customs declare: --mode '{modeText}': expected 9610, 9710, 9810, 1210 or 1239[/]");
            return 2;
        }

        if (directionText is not ("export" or "import"))
        {
            console.MarkupLineInterpolated($"[red]customs declare: --direction '{directionText}': expected export or import[/]");
            return 2;
        }

        var direction = directionText == "export" ? CustomsDirection.Export : CustomsDirection.Import;
        var declaredAt = SystemClock.Instance.GetCurrentInstant();
        if (declaredAtText is not null)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(declaredAtText);
            if (!parsed.Success)
            {
                console.MarkupLineInterpolated($"[red]customs declare: --declared-at '{declaredAtText}': expected an ISO 8601 UTC instant, e.g. 2026-02-27T06:00:00Z[/]");
                return 2;
            }

            declaredAt = parsed.Value;
        }

        if (!File.Exists(inputPath))
        {
            console.MarkupLineInterpolated($"[red]customs declare: --input '{inputPath}' does not exist[/]");
            return 2;
        }

        string dataFolder;
        ReferenceDataSet reference;
        SupervisionModeTable modes;
        try
        {
            dataFolder = dataDir ?? DataDirectory.Find();
            reference = ReferenceDataSet.Load(dataFolder);
            modes = SupervisionModeTable.LoadBundled(dataFolder);
        }
        catch (Exception e) when (e is ReferenceDataException or InvalidDataException or IOException or DirectoryNotFoundException)
        {
            console.MarkupLineInterpolated($"[red]customs declare: reference data: {e.Message}[/]");
            return 2;
        }

        DeclarationInput input;
        try
        {
            input = DeclarationInputFile.Load(inputPath);
        }
        catch (DeclarationInputException e)
        {
            console.MarkupLineInterpolated($"[red]customs declare: {e.Message}[/]");
            return 1;
        }

        var read = OrdersReader.Create(reference).Read(ordersPath ?? Path.Combine(dataFolder, "orders", "online-retail"));
        var found = read.Orders.FirstOrDefault(o => o.OrderId == invoice);
        if (found is null)
        {
            var rejected = read.Rejections.FirstOrDefault(r => r.OrderId == invoice);
            console.MarkupLineInterpolated($"[red]customs declare: order '{invoice}' {(rejected is null ? "is not in the order data" : "was rejected: " + rejected)}[/]");
            return rejected is null ? 2 : 1;
        }

        var shifted = found with { PlacedAt = found.PlacedAt.PlusWeeks(shiftWeeks) };
        BondedStockLedger? ledger = null;
        if (input.Office.AccountBookNo is { Length: > 0 } book && modes.TryGet(mode, direction, out var row) && row.Filings.HasFlag(ModeFilings.BondedStock))
        {
            ledger = new BondedStockLedger(book);
            foreach (var (item, quantity) in input.BondedStoreIn)
            {
                ledger.StoreIn(item, quantity, declaredAt, inputPath);
            }
        }

        var build = CrossBorderDeclaration.Build(modes, mode, direction, shifted, input, reference.Fx, declaredAt, ledger);
        if (build.Declaration is not { } declaration)
        {
            console.MarkupLineInterpolated($"[red]order {invoice}: declaration refused ({build.Problems.Count} problem(s)):[/]");
            foreach (var p in build.Problems)
            {
                console.MarkupLineInterpolated($"  {p.Field}: {p.Reason}");
            }

            return 1;
        }

        var check = ThreeOrderCheck.Compare(declaration);
        if (!check.Passed)
        {
            var table = new Table().AddColumns("field", "order", "payment", "waybill", "rule");
            foreach (var m in check.Mismatches)
            {
                table.AddRow(Markup.Escape(m.Field), Markup.Escape(m.OrderValue ?? "—"), Markup.Escape(m.PaymentValue ?? "—"), Markup.Escape(m.WaybillValue ?? "—"), Markup.Escape(m.Rule));
            }

            console.MarkupLineInterpolated($"[red]order {invoice}: three-order check failed: no list declaration is written[/]");
            console.Write(table);
            return 1;
        }

        var messages = CebMessageWriter.WriteAll(declaration).ToList();
        if (declaration.Mode.Filings.HasFlag(ModeFilings.SummaryDeclaration))
        {
            var day = declaredAt.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
            messages.Add(CebMessageWriter.WriteSummary(SummaryDeclaration.Create([declaration], day, day, input.CopNo + "-S", declaredAt)));
        }

        if (credentials is not null)
        {
            messages = [.. messages.Select(m => CebSignature.Sign(m, credentials))];
        }

        Directory.CreateDirectory(outDir);
        var invalid = 0;
        var result = new Table().AddColumns("message", "file", "schema");
        foreach (var m in messages)
        {
            var errors = CebSchema.Validate(m.Xml);
            invalid += errors.Count > 0 ? 1 : 0;
            File.WriteAllBytes(Path.Combine(outDir, m.FileName), m.Xml);
            result.AddRow(m.Type, Markup.Escape(m.FileName), errors.Count == 0 ? "[green]valid[/]" : Markup.Escape(string.Join("; ", errors)));
        }

        if (ledger is not null)
        {
            foreach (var movement in ledger.Release(declaration, declaredAt))
            {
                console.MarkupLineInterpolated($"bonded release {movement.ItemRecordNo}: {movement.Quantity} (balance {movement.BalanceAfter}) in {movement.AccountBookNo}");
            }
        }

        console.MarkupLineInterpolated($"order {invoice} (placed {found.PlacedAt:yyyy-MM-dd HH:mm}, replayed {shifted.PlacedAt:yyyy-MM-dd}) · mode {declaration.Mode.Code} {directionText} · goods {declaration.GoodsValue.ToString("0.00", CultureInfo.InvariantCulture)} CNY at {declaration.FxRate.ToString("0.####", CultureInfo.InvariantCulture)} CNY/{found.Lines[0].UnitValue.Currency} · three-order check passed");
        console.Write(result);
        console.MarkupLineInterpolated($"written to {outDir}");
        if (credentials is null)
        {
            console.MarkupLine("[yellow]warning: the messages are NOT signed. appStatus=2 messages must be signed before sending (regulatory-facts.md §3.3): pass --sign-key KEY.pem --sign-cert CERT.pem, or sign them with the enterprise's signing client.[/]");
        }
        else
        {
            console.MarkupLineInterpolated($"signed ({CebSignature.RsaSha1}) with certificate {credentials.Certificate.Subject}, serial {credentials.Certificate.SerialNumber}");
        }

        return invalid == 0 ? 0 : 1;
    }

    private static CebSigningCredentials? LoadCredentials(IAnsiConsole console, string? keyPath, string? certPath, out int exit)
    {
        exit = 0;
        if (keyPath is null && certPath is null)
        {
            return null;
        }

        if (keyPath is null || certPath is null)
        {
            console.MarkupLine("[red]customs declare: --sign-key and --sign-cert go together: give both to sign, neither to write unsigned messages[/]");
            exit = 2;
            return null;
        }

        foreach (var (option, path) in new[] { ("--sign-key", keyPath), ("--sign-cert", certPath) })
        {
            if (!File.Exists(path))
            {
                console.MarkupLineInterpolated($"[red]customs declare: {option} '{path}' does not exist[/]");
                exit = 2;
                return null;
            }
        }

        try
        {
            return CebSigningCredentials.FromPemFiles(keyPath, certPath);
        }
        catch (CebSignatureException e)
        {
            console.MarkupLineInterpolated($"[red]customs declare: {e.Message}[/]");
            exit = 1;
            return null;
        }
    }

    private static Command Verify()
    {
        var file = new Argument<string>("file") { Description = "A signed CEB message (XML)." };
        var cert = new Option<string?>("--cert") { Description = "The enterprise certificate (PEM) the message must be signed with; default: accept the certificate the message carries." };
        var command = new Command("verify", "Verify a signed CEB message: the XML-DSig signature over the whole message, and the schema. Exit 0 valid, 1 invalid.") { file, cert };
        command.SetAction((parse, ct) => Task.FromResult(RunVerify(parse.GetValue(file)!, parse.GetValue(cert))));
        return command;
    }

    internal static int RunVerify(string path, string? certPath)
    {
        var console = AnsiConsole.Console;
        if (!File.Exists(path))
        {
            console.MarkupLineInterpolated($"[red]customs verify: '{path}' does not exist[/]");
            return 2;
        }

        if (certPath is not null && !File.Exists(certPath))
        {
            console.MarkupLineInterpolated($"[red]customs verify: --cert '{certPath}' does not exist[/]");
            return 2;
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2? expected = null;
        try
        {
            if (certPath is not null)
            {
                expected = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
            }
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            console.MarkupLineInterpolated($"[red]customs verify: --cert '{certPath}': not a PEM X.509 certificate: {e.Message}[/]");
            return 2;
        }

        using (expected)
        {
            var xml = File.ReadAllBytes(path);
            var check = CebSignature.Verify(xml, expected);
            var schema = CebSchema.Validate(xml);
            if (check.Signer is { } signer)
            {
                console.MarkupLineInterpolated($"{path}: signed by {signer.Subject} (serial {signer.SerialNumber}, valid {signer.NotBefore:yyyy-MM-dd} to {signer.NotAfter:yyyy-MM-dd} UTC; trust chain not checked) with {check.SignatureMethod}");
            }

            foreach (var failure in check.Failures)
            {
                console.MarkupLineInterpolated($"[red]signature: {failure}[/]");
            }

            foreach (var error in schema)
            {
                console.MarkupLineInterpolated($"[red]schema: {error}[/]");
            }

            var ok = check.IsValid && schema.Count == 0;
            console.MarkupLineInterpolated($"{path}: signature {check.Status.ToString().ToLowerInvariant()}, schema {(schema.Count == 0 ? "valid" : "invalid")}");
            return ok ? 0 : 1;
        }
    }

    private static Command Receipt()
    {
        var file = new Argument<string>("file") { Description = "A CEB receipt (回执) XML file, e.g. CEB604 or CEB312." };
        var shipment = new Option<string?>("--shipment") { Description = "The shipment's Kuajing S10 number, to put the event on its timeline." };
        var capture = new Option<bool>("--capture") { Description = "Capture the receipt's event into the timeline store (--db / --postgres)." };
        var db = new Option<string>("--db") { Description = "SQLite database file.", DefaultValueFactory = _ => "kuajing.db" };
        var postgres = new Option<string?>("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db." };
        var key = new Option<string?>("--key") { Description = "Ledger signing key (PEM); default beside the database, created when missing." };
        var data = new Option<string?>("--data") { Description = "Data folder; default the repository's data/." };
        var command = new Command("receipt", "Parse a customs receipt into a declaration status and a timeline event.") { file, shipment, capture, db, postgres, key, data };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                console.MarkupLineInterpolated($"[red]customs receipt: '{path}' does not exist[/]");
                return 2;
            }

            S10TrackingNumber? s10 = null;
            if (parse.GetValue(shipment) is { } s)
            {
                if (!S10TrackingNumber.TryParse(s, out var parsed))
                {
                    console.MarkupLineInterpolated($"[red]customs receipt: --shipment '{s}' is not a UPU S10 number[/]");
                    return 2;
                }

                s10 = parsed;
            }

            CebReceipt receipt;
            try
            {
                var statuses = ReceiptStatusTable.LoadBundled(parse.GetValue(data) ?? DataDirectory.Find());
                await using var stream = File.OpenRead(path);
                receipt = new CebReceiptReader(statuses).Parse(stream, path);
            }
            catch (CebReceiptFormatException ex)
            {
                console.MarkupLineInterpolated($"[red]customs receipt: {ex.Message}[/]");
                return 1;
            }

            var e = CustomsReceiptEvents.ToTrackingEvent(receipt, s10);
            console.MarkupLineInterpolated($"{receipt.MessageType} (answers {receipt.AnswersType}, {receipt.Direction}) order {receipt.OrderNo ?? "—"} logistics {receipt.LogisticsNo ?? "—"}");
            console.MarkupLineInterpolated($"returnStatus {receipt.ReturnStatus} → {receipt.Status}{(receipt.StatusRow is { } r ? $" ({r.NameZh}, source status {r.Source.Status})" : " (code not in data/customs/china/receipt-statuses.csv)")} at {receipt.ReturnTime} · {receipt.ReturnInfo}");
            console.MarkupLineInterpolated($"timeline milestone: {e.Milestone}");
            if (!parse.GetValue(capture))
            {
                return 0;
            }

            var pg = parse.GetValue(postgres);
            await using var store = await TimelineStore.OpenAsync(pg is null ? parse.GetValue(db) : null, pg, ct);
            var keyPath = parse.GetValue(key) ?? (pg is null ? parse.GetValue(db) + ".ledger-key.pem" : "kuajing-ledger-key.pem");
            using var signer = File.Exists(keyPath) ? TreeHeadSigner.FromPem(await File.ReadAllTextAsync(keyPath, ct)) : CreateKey(keyPath);
            var result = await new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), SystemClock.Instance).CaptureAsync([e], ct);
            foreach (var error in result.Errors)
            {
                console.MarkupLineInterpolated($"[red]{error}[/]");
            }

            console.MarkupLineInterpolated($"captured {result.Stored}, duplicates {result.Duplicates}");
            return result.Accepted ? 0 : 1;
        });
        return command;
    }

    // Same key handling as 'kuajing ingest' (TimelineCommands): the private key beside the database, owner-only, and its public half.
    private static TreeHeadSigner CreateKey(string path)
    {
        var signer = TreeHeadSigner.Create();
        File.WriteAllText(path, signer.ExportPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(Path.ChangeExtension(path, ".pub.pem"), signer.ExportPublicKeyPem());
        return signer;
    }
}
