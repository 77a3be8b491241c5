using System.CommandLine;
using System.Globalization;
using Kuajing.Timeline;
using Kuajing.Webhooks;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary>
/// <c>kuajing webhooks add | list | assign | dispatch</c>: subscriptions to milestone and exception notifications, kept in
/// the timeline store, and the dispatcher that POSTs the durable outbox's deliveries (docs/webhooks.md).
/// </summary>
internal static class WebhookCommands
{
    private static readonly Option<string> Db = new("--db") { Description = "SQLite database file.", DefaultValueFactory = _ => "kuajing.db" };
    private static readonly Option<string?> Postgres = new("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db." };

    /// <summary>The <c>webhooks</c> command and its subcommands.</summary>
    /// <returns>The commands.</returns>
    public static IEnumerable<Command> Create() =>
        [new Command("webhooks", "Webhook subscriptions and delivery (signed HTTPS POST, at least once).") { Add(), List(), Assign(), Dispatch() }];

    private static Task<TimelineStore> OpenAsync(ParseResult parse, CancellationToken ct) =>
        TimelineStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);

    private static Command Add()
    {
        var url = new Argument<string>("url") { Description = "The receiver's URL: https://… (http only for localhost / 127.0.0.0/8 / [::1])." };
        var shipment = new Option<string?>("--shipment") { Description = "Follow one shipment (its Kuajing tracking number)." };
        var account = new Option<string?>("--account") { Description = "Follow every shipment of an account (see 'webhooks assign')." };
        var kinds = new Option<string>("--kinds") { Description = "milestone, exception or milestone,exception.", DefaultValueFactory = _ => "milestone,exception" };
        var codes = new Option<string?>("--codes") { Description = "Only these codes, comma-separated (e.g. delivered,customs_hold); default all." };
        var command = new Command("add", "Subscribe a URL; prints the signing secret once.") { url, shipment, account, kinds, codes, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            WebhookSubscription subscription;
            try
            {
                var scope = (parse.GetValue(shipment), parse.GetValue(account)) switch
                {
                    ({ } s, null) => WebhookScope.ForShipment(s),
                    (null, { } a) => WebhookScope.ForAccount(a),
                    _ => throw new ArgumentException("give exactly one of --shipment NUMBER and --account ID"),
                };
                if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target))
                {
                    throw new ArgumentException($"url '{parse.GetValue(url)}' is not an absolute URL; expected https://host/path");
                }

                subscription = WebhookSubscription.Create(scope, ParseKinds(parse.GetValue(kinds)!), target, parse.GetValue(codes)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
            catch (ArgumentException ex)
            {
                console.MarkupLineInterpolated($"[red]webhooks add: {ex.Message}[/]");
                return 2;
            }

            await using var store = await OpenAsync(parse, ct);
            await new WebhookSubscriptionStore(store, SystemClock.Instance).AddAsync(subscription, ct);
            console.MarkupLineInterpolated($"subscription [bold]{subscription.Id}[/] → {subscription.TargetUrl}");
            console.MarkupLine("signing secret (shown once; store it now):");
            Console.Out.WriteLine(subscription.Secret.Reveal());
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List subscriptions (secrets redacted) with their deliveries by status.") { Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(parse, ct);
            var subscriptions = await new WebhookSubscriptionStore(store, SystemClock.Instance).ListAsync(ct);
            var counts = (await store.WebhookDeliveries.AsNoTracking()
                    .GroupBy(d => new { d.SubscriptionId, d.Status })
                    .Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() })
                    .ToListAsync(ct))
                .ToDictionary(x => (x.SubscriptionId, (WebhookDeliveryStatus)x.Status), x => x.Count);
            var table = new Table().AddColumns("id", "scope", "kinds", "codes", "url", "secret", "pending", "delivered", "dead");
            foreach (var s in subscriptions)
            {
                table.AddRow(
                    s.Id.ToString(),
                    Markup.Escape($"{s.Scope.Kind.ToString().ToLowerInvariant()}:{s.Scope.Value}"),
                    s.Kinds.ToString(),
                    Markup.Escape(s.Codes.Count == 0 ? "all" : string.Join(',', s.Codes.Order(StringComparer.Ordinal))),
                    Markup.Escape(s.TargetUrl.ToString()),
                    Markup.Escape(s.Secret.ToString()),
                    Count(counts, s.Id, WebhookDeliveryStatus.Pending),
                    Count(counts, s.Id, WebhookDeliveryStatus.Delivered),
                    Count(counts, s.Id, WebhookDeliveryStatus.DeadLettered));
            }

            AnsiConsole.Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Assign()
    {
        var shipment = new Argument<string>("shipment") { Description = "The shipment's Kuajing tracking number." };
        var account = new Argument<string>("account") { Description = "The owning account's id." };
        var command = new Command("assign", "Record which account owns a shipment (for --account subscriptions).") { shipment, account, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(parse, ct);
            try
            {
                await new WebhookSubscriptionStore(store, SystemClock.Instance).AssignAccountAsync(parse.GetValue(shipment)!.Trim().ToUpperInvariant(), parse.GetValue(account)!, ct);
            }
            catch (ArgumentException ex)
            {
                AnsiConsole.Console.MarkupLineInterpolated($"[red]webhooks assign: {ex.Message}[/]");
                return 2;
            }

            return 0;
        });
        return command;
    }

    private static Command Dispatch()
    {
        var once = new Option<bool>("--once") { Description = "Run one dispatch pass and exit (default: run until Ctrl+C)." };
        var command = new Command("dispatch", "POST due deliveries from the durable outbox (retries, back-off, dead letters).") { once, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var sqlite = parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null;
            var postgres = parse.GetValue(Postgres);
            await (await OpenAsync(parse, ct)).DisposeAsync(); // migrate once
            Func<TimelineStore> factory = sqlite is not null
                ? () => new TimelineStore(TimelineStore.ForSqlite(sqlite))
                : () => new PostgresTimelineStore(PostgresTimelineStore.ForPostgres(postgres!));
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
            var dispatcher = new WebhookDispatcher(http, new TimelineWebhookOutbox(factory), SystemClock.Instance);
            if (parse.GetValue(once))
            {
                var s = await dispatcher.DispatchDueAsync(ct);
                AnsiConsole.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"leased {s.Leased}, delivered {s.Delivered}, rescheduled {s.Rescheduled}, dead-lettered {s.DeadLettered}, lease lost {s.LeaseLost}"));
                return 0;
            }

            try
            {
                await dispatcher.RunAsync(Duration.FromSeconds(1), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C: deliveries in flight stay leased and are re-sent after their lease expires.
            }

            return 0;
        });
        return command;
    }

    private static WebhookNotificationKinds ParseKinds(string text)
    {
        var kinds = WebhookNotificationKinds.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            kinds |= part.ToLowerInvariant() switch
            {
                "milestone" or "milestones" => WebhookNotificationKinds.Milestone,
                "exception" or "exceptions" => WebhookNotificationKinds.Exception,
                _ => throw new ArgumentException($"--kinds: '{part}' is not milestone or exception"),
            };
        }

        return kinds;
    }

    private static string Count(Dictionary<(Guid, WebhookDeliveryStatus), int> counts, Guid id, WebhookDeliveryStatus status) =>
        counts.GetValueOrDefault((id, status)).ToString(CultureInfo.InvariantCulture);
}
