using System.CommandLine;

namespace Kuajing.Cli;

/// <summary><c>kuajing serve</c>: runs the HTTP API and web UI (<see cref="Kuajing.Web.Program"/>).</summary>
internal static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The <c>serve</c> command.</returns>
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "SQLite database file (default kuajing.db); the same file the plan and track commands use" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string instead of SQLite, e.g. \"Host=127.0.0.1;Username=kuajing;Database=kuajing\"" };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080 (default http://localhost:5000)" };
        var command = new Command("serve", "Run the Kuajing server: REST API under /api/, OpenAPI at /openapi/v1.json, web UI, /health") { db, postgres, urls };
        command.SetAction(async (parse, ct) =>
        {
            var dbValue = parse.GetValue(db);
            var pgValue = parse.GetValue(postgres);
            if (dbValue is not null && pgValue is not null)
            {
                await Console.Error.WriteLineAsync("serve: give --db or --postgres, not both");
                return 2;
            }

            var args = new List<string>();
            if (dbValue is not null)
            {
                args.Add("--Kuajing:Db=" + dbValue);
            }

            if (pgValue is not null)
            {
                args.Add("--Kuajing:Postgres=" + pgValue);
            }

            if (parse.GetValue(urls) is { } u)
            {
                args.Add("--urls=" + u);
            }

            await Kuajing.Web.Program.Main([.. args]);
            return 0;
        });
        return command;
    }
}
