using System.CommandLine;
using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Kuajing.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Cli;

/// <summary>
/// <c>kuajing accounts add-org | add-user | add-key | revoke-key | assign-orders | assign-carrier | assign-broker</c>:
/// bootstraps the server's accounts in the same database the server uses (docs/api.md). Exit codes: 0 done, 1 refused
/// (unknown organisation, wrong role, duplicate email, unknown shipment …), 2 usage error.
/// </summary>
internal static class AccountCommands
{
    private static readonly Option<string> Db = new("--db") { Description = "SQLite database file (the server's).", DefaultValueFactory = _ => "kuajing.db" };
    private static readonly Option<string?> Postgres = new("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db." };
    private static readonly Option<string> Org = new("--org") { Description = "Organisation id (org_…, printed by add-org).", Required = true };

    /// <summary>The <c>accounts</c> command and its subcommands.</summary>
    /// <returns>The commands.</returns>
    public static IEnumerable<Command> Create() =>
        [new Command("accounts", "Organisations, users, API keys and who owns or carries what (for kuajing serve).")
        {
            AddOrg(), AddUser(), AddKey(), RevokeKey(), AssignOrders(), AssignShipment("assign-carrier", AssignmentKinds.Carrier), AssignShipment("assign-broker", AssignmentKinds.Broker),
        }];

    private static async Task<(KuajingDatabase Database, AccountService Accounts)> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var pg = parse.GetValue(Postgres);
        var database = new KuajingDatabase(pg is null ? parse.GetValue(Db) : null, pg);
        await using (await WebStore.OpenAsync(database.SqlitePath, database.Postgres, ct))
        {
        }

        return (database, new AccountService(database, TimeProvider.System));
    }

    private static async Task<int> RunAsync(string name, Func<Task> action)
    {
        try
        {
            await action();
            return 0;
        }
        catch (AccountException e)
        {
            await Console.Error.WriteLineAsync($"accounts {name}: {e.Message}");
            return 1;
        }
    }

    private static Command AddOrg()
    {
        var name = new Argument<string>("name") { Description = "Organisation name (shown to its own users only)." };
        var role = new Option<string>("--role") { Description = "seller, provider, broker or admin.", Required = true };
        role.AcceptOnlyFromAmong("seller", "provider", "broker", "admin");
        var command = new Command("add-org", "Add an organisation; prints its id.") { name, role, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            if (!AccountRoles.TryParse(parse.GetValue(role), out var r))
            {
                await Console.Error.WriteLineAsync("accounts add-org: --role: expected seller, provider, broker or admin");
                return 2;
            }

            var (_, accounts) = await OpenAsync(parse, ct);
            return await RunAsync("add-org", async () =>
            {
                var org = await accounts.AddOrganisationAsync(parse.GetValue(name)!, r, ct);
                Console.WriteLine(org.Id);
            });
        });
        return command;
    }

    private static Command AddUser()
    {
        var email = new Argument<string>("email") { Description = "The user's email (sign-in name)." };
        var password = new Option<string?>("--password") { Description = $"Password (at least {AccountService.MinPasswordLength} characters); read from standard input when omitted, so it stays out of the shell history." };
        var command = new Command("add-user", "Add a user who signs in at /login.") { email, Org, password, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var (_, accounts) = await OpenAsync(parse, ct);
            var secret = parse.GetValue(password) ?? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            return await RunAsync("add-user", async () =>
            {
                var user = await accounts.AddUserAsync(parse.GetValue(email)!, secret, parse.GetValue(Org)!, ct);
                Console.WriteLine(user.Email);
            });
        });
        return command;
    }

    private static Command AddKey()
    {
        var name = new Option<string>("--name") { Description = "A label for the key, e.g. erp-sync.", DefaultValueFactory = _ => "api" };
        var command = new Command("add-key", "Create an API key; prints it ONCE (only its SHA-256 hash is stored).") { Org, name, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var (_, accounts) = await OpenAsync(parse, ct);
            return await RunAsync("add-key", async () =>
            {
                var key = await accounts.AddApiKeyAsync(parse.GetValue(Org)!, parse.GetValue(name)!, ct);
                Console.WriteLine(key.Key);
                await Console.Error.WriteLineAsync($"key id {key.Id}; store the key now, it is not shown again");
            });
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("key-id") { Description = "The key id (its first 12 characters) or the whole key." };
        var command = new Command("revoke-key", "Revoke an API key at once.") { id, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var (_, accounts) = await OpenAsync(parse, ct);
            if (!await accounts.RevokeApiKeyAsync(parse.GetValue(id)!, ct))
            {
                await Console.Error.WriteLineAsync($"accounts revoke-key: no active key '{parse.GetValue(id)}'");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static Command AssignOrders()
    {
        var source = new Option<string>("--source") { Description = "Give the seller every order of this plan-store source (the input name of 'kuajing plan', e.g. online-retail).", Required = true };
        var command = new Command("assign-orders", "Make a seller the owner of the orders of one 'kuajing plan' input.") { source, Org, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var (database, accounts) = await OpenAsync(parse, ct);
            var prefix = parse.GetValue(source) + "|";
            List<string> keys;
            await using (var plans = await PlanStore.OpenAsync(database.SqlitePath, database.Postgres, ct))
            {
                keys = await plans.Orders.AsNoTracking().Where(o => o.SourceKey.StartsWith(prefix)).Select(o => o.SourceKey).ToListAsync(ct);
            }

            if (keys.Count == 0)
            {
                await Console.Error.WriteLineAsync($"accounts assign-orders: no stored order has source '{parse.GetValue(source)}'");
                return 1;
            }

            return await RunAsync("assign-orders", async () =>
            {
                await accounts.AssignOrdersAsync(keys, parse.GetValue(Org)!, ct);
                Console.WriteLine($"{keys.Count} orders assigned");
            });
        });
        return command;
    }

    private static Command AssignShipment(string name, string kind)
    {
        var number = new Argument<string>("shipment") { Description = "The shipment's Kuajing tracking number." };
        var leg = new Option<int>("--leg") { Description = "The leg carried (1-based); 0 for the whole shipment.", DefaultValueFactory = _ => 0 };
        var command = new Command(name, kind == AssignmentKinds.Carrier ? "Let a provider see a shipment it carries (whole or one leg)." : "Appoint a broker to a shipment.") { number, Org, Db, Postgres };
        if (kind == AssignmentKinds.Carrier)
        {
            command.Options.Add(leg);
        }

        command.SetAction(async (parse, ct) =>
        {
            var (database, accounts) = await OpenAsync(parse, ct);
            var tracking = parse.GetValue(number)!.Trim().ToUpperInvariant();
            await using (var plans = await PlanStore.OpenAsync(database.SqlitePath, database.Postgres, ct))
            {
                if (!await plans.Shipments.AnyAsync(s => s.TrackingNumber == tracking, ct))
                {
                    await Console.Error.WriteLineAsync($"accounts {name}: no shipment '{tracking}' in the plan store");
                    return 1;
                }
            }

            return await RunAsync(name, () => accounts.AssignShipmentAsync(tracking, parse.GetValue(Org)!, kind, kind == AssignmentKinds.Carrier ? parse.GetValue(leg) : 0, ct));
        });
        return command;
    }
}
