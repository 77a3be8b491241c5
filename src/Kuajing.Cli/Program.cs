using System.CommandLine;

namespace Kuajing.Cli;

/// <summary>Entry point of the <c>kuajing</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>Process exit code: 0 success, 1 some input rejected, 2 usage or data error.</returns>
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Kuajing 跨境: plan, quote and track cross-border e-commerce shipments.")
        {
            PlanCommand.Create(),
            ServeCommand.Create(),
            ComplianceCommands.Create(),
            DocumentCommands.Create(),
        };
        IEnumerable<Command>[] groups =
        [
            TimelineCommands.Create(),   // ingest, track, verify, link
            WebhookCommands.Create(),    // webhooks add|list|assign|dispatch
            ExceptionCommands.Create(),  // exceptions scan|list
            CustomsCommands.Create(),    // customs declare|receipt (China CBEC)
            LowValueCommands.Create(),   // lowvalue dataset, retail-import quota
            AccountCommands.Create(),    // accounts (server organisations, users, API keys)
        ];
        foreach (var command in groups.SelectMany(g => g))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A usage error is exit code 2; 1 is reserved for "some input was rejected".
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run 'kuajing plan --help' for usage.");
            return 2;
        }

        return await parse.InvokeAsync();
    }
}
