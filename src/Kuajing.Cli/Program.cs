using System.CommandLine;

namespace Kuajing.Cli;

/// <summary>Entry point of the <c>kuajing</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>Process exit code: 0 success, 1 some input rejected, 2 usage or fatal error.</returns>
    public static int Main(string[] args)
    {
        var root = new RootCommand("Kuajing 跨境: plan, quote and track cross-border e-commerce shipments.");
        return root.Parse(args).Invoke();
    }
}
