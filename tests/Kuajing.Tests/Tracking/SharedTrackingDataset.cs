using System.Text.Json;

namespace Kuajing.Tests.Tracking;

/// <summary>
/// The S10 entry of the shared tracking-number dataset (<c>../shared/data/tracking-numbers/couriers/s10.json</c>,
/// jkeen/tracking_number_data @ b79ce4bf, MIT), read straight from the JSON so tests do not trust Kuajing's copy.
/// </summary>
internal static class SharedTrackingDataset
{
    private static readonly Lazy<JsonElement> S10 = new(() =>
    {
        var path = Path.Combine(RepoRoot(), "..", "shared", "data", "tracking-numbers", "couriers", "s10.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("tracking_numbers")[0].Clone();
    });

    public static IEnumerable<string> ValidNumbers => Strings(S10.Value.GetProperty("test_numbers").GetProperty("valid"));

    public static IEnumerable<string> InvalidNumbers => Strings(S10.Value.GetProperty("test_numbers").GetProperty("invalid"));

    public static IEnumerable<string> IssuerCountryCodes => S10.Value.GetProperty("additional").EnumerateArray()
        .Single(a => a.GetProperty("name").GetString() == "Courier")
        .GetProperty("lookup").EnumerateArray()
        .Select(e => e.GetProperty("matches").GetString()!);

    public static int[] Weightings => S10.Value.GetProperty("validation").GetProperty("checksum").GetProperty("weightings")
        .EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kuajing.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Kuajing.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
