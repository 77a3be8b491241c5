namespace Kuajing.Tests.Tracking.Events;

/// <summary>
/// Paths into ../shared/data for the event readers' golden tests. The GS1 EPCIS examples (gs1/EPCIS @ 2b888bef, no open
/// licence) are read in place and never copied into the repository; the DCSA messages (Apache-2.0) are read in place too.
/// </summary>
internal static class SharedEventData
{
    public static string Root => Path.Combine(SharedTrackingDataset.RepoRoot(), "..", "shared", "data");

    public static string Epcis(string relative) => Path.Combine(Root, "gs1-epcis-examples", relative);

    public static string Dcsa(string file) => Path.Combine(Root, "dcsa-track-and-trace", "messages", file);

    public static string EasyPost(string relative) => Path.Combine(Root, "carrier-tracking-payloads", "easypost", relative);

    /// <summary>Every EPCIS example file (JSON-LD, XML and the one .json), relative to gs1-epcis-examples.</summary>
    public static TheoryData<string> AllEpcisFiles()
    {
        var root = Path.Combine(Root, "gs1-epcis-examples");
        var data = new TheoryData<string>();
        // Only the example folders JSON/ and XML/ (schema/ holds the JSON schema and the JSON-LD context, not documents).
        foreach (var f in new[] { "JSON", "XML" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
                     .Where(f => f.EndsWith(".jsonld", StringComparison.Ordinal) || f.EndsWith(".xml", StringComparison.Ordinal)
                                 || (f.EndsWith(".json", StringComparison.Ordinal) && f.Contains("WithEventHashID", StringComparison.Ordinal)))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, f));
        }

        return data;
    }
}
