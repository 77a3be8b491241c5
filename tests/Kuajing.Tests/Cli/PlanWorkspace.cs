using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Kuajing.Cli;
using Kuajing.Lanes;
using Kuajing.Planning;
using Kuajing.ReferenceData;
using Kuajing.Storage;
using Kuajing.Trade;
using Spectre.Console;

namespace Kuajing.Tests.Cli;

/// <summary>
/// A temporary folder for <c>kuajing plan</c> runs: input files, the SQLite database, the JSON output and the
/// rejections file. Runs go through <see cref="PlanCommand.RunAsync"/> with a non-interactive, colourless console
/// that writes to a string, so a test sees the exit code, the printed summary and every file the command wrote.
/// </summary>
internal sealed class PlanWorkspace : IDisposable
{
    public PlanWorkspace() => Root = Directory.CreateTempSubdirectory("kuajing-cli-").FullName;

    public string Root { get; }

    public string Db => Path.Combine(Root, "plans.db");

    public string Json => Path.Combine(Root, "plans.json");

    public string Rejections => Path.Combine(Root, "rejections.csv");

    /// <summary>Writes an input file (UTF-8, no BOM) into the workspace and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Arguments as <c>kuajing plan INPUT --db --out plans.json --rejections</c> with the defaults of the command line.</summary>
    public PlanArguments Arguments(
        string input,
        int shiftWeeks = 0,
        string? origin = null,
        string currency = "CNY",
        Incoterm incoterm = Incoterm.DAP,
        PlanObjective objective = PlanObjective.Balanced) =>
        new([input], origin ?? LaneCatalogue.DefaultOrigin, objective, incoterm, Db, Json, null, Rejections, currency, shiftWeeks, null, DataDirectory.Find());

    /// <summary>Runs the command and captures what it printed.</summary>
    public static async Task<PlanRun> RunAsync(PlanArguments args)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var code = await PlanCommand.RunAsync(args, console, CancellationToken.None);
        return new PlanRun(code, writer.ToString());
    }

    /// <summary>The <c>--out</c> JSON file, parsed.</summary>
    public PlanFile ReadJson()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Json));
        return PlanFile.From(doc.RootElement);
    }

    /// <summary>Rows of the rejections CSV (header checked, then one record per rejection).</summary>
    public IReadOnlyList<RejectionRow> ReadRejections()
    {
        using var reader = new StreamReader(Rejections);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        Assert.True(csv.Read());
        csv.ReadHeader();
        Assert.Equal(["file", "line", "field", "order_id", "reason"], csv.HeaderRecord!);
        var rows = new List<RejectionRow>();
        while (csv.Read())
        {
            rows.Add(new RejectionRow(
                csv.GetField("file")!,
                int.Parse(csv.GetField("line")!, CultureInfo.InvariantCulture),
                csv.GetField("field")!,
                csv.GetField("order_id")!,
                csv.GetField("reason")!));
        }

        return rows;
    }

    /// <summary>Opens the run's database (migrated) for reading.</summary>
    public Task<PlanStore> OpenStoreAsync() => PlanStore.OpenSqliteAsync(Db, CancellationToken.None);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the OS temp folder is cleaned eventually.
        }
    }
}

/// <summary>What one run returned and printed.</summary>
internal sealed record PlanRun(int ExitCode, string Console)
{
    /// <summary>The printed text with runs of whitespace (including the console's line wrapping) collapsed to one space.</summary>
    public string Text => string.Join(' ', Console.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>One row of the rejections CSV.</summary>
internal sealed record RejectionRow(string File, int Line, string Field, string OrderId, string Reason);
