using System.Text.Json;
using Kuajing.Tracking.Numbers;

namespace Kuajing.Tests.Tracking.Numbers;

public class TrackingNumberFormatsTests
{
    private static readonly Lazy<TrackingNumberFormats> Bundled = new(TrackingNumberFormats.LoadBundled);

    // Examples read straight from ../shared/data/tracking-numbers/couriers/*.json (jkeen/tracking_number_data @ b79ce4bf,
    // MIT), not from Kuajing's bundled copy, so a drifted copy or a loader that drops a format fails here.
    public static TheoryData<string, int, string> SharedValidExamples() => Examples("valid");

    public static TheoryData<string, int, string> SharedInvalidExamples() => Examples("invalid");

    [Theory]
    [MemberData(nameof(SharedValidExamples))]
    public void Match_DatasetValidExample_IsValidAndDetected(string file, int formatIndex, string number)
    {
        var format = FormatOf(file, formatIndex);
        var candidate = format.Match(number);
        Assert.NotNull(candidate);
        Assert.True(candidate.IsValid, candidate.Failure);
        Assert.Contains(Bundled.Value.Detect(number), c => ReferenceEquals(c.Format, format) && c.IsValid);
        Assert.True(Bundled.Value.Validate(number).IsValid);
    }

    [Theory]
    [MemberData(nameof(SharedInvalidExamples))]
    public void Match_DatasetInvalidExample_IsRejected(string file, int formatIndex, string number)
    {
        var candidate = FormatOf(file, formatIndex).Match(number);
        Assert.True(candidate is null || !candidate.IsValid, $"{number} accepted by {candidate?.FormatName}");
    }

    [Fact]
    public void LoadBundled_AllSharedFormats_AreLoaded()
    {
        // 18 courier files; their tracking_numbers arrays hold 39 formats in total (counted from the shared copy).
        var expected = SharedFiles().Sum(f => Doc(f).GetProperty("tracking_numbers").GetArrayLength());
        Assert.Equal(39, expected);
        Assert.Equal(expected, Bundled.Value.Formats.Count);
    }

    private static TrackingNumberFormat FormatOf(string file, int formatIndex)
    {
        var code = Doc(Path.Combine(SharedDir(), file)).GetProperty("courier_code").GetString();
        return Bundled.Value.Formats.Where(f => f.CourierCode == code).ElementAt(formatIndex);
    }

    private static TheoryData<string, int, string> Examples(string which)
    {
        var data = new TheoryData<string, int, string>();
        foreach (var file in SharedFiles())
        {
            var i = 0;
            foreach (var t in Doc(file).GetProperty("tracking_numbers").EnumerateArray())
            {
                if (t.GetProperty("test_numbers").TryGetProperty(which, out var list))
                {
                    foreach (var n in list.EnumerateArray())
                    {
                        data.Add(Path.GetFileName(file), i, n.GetString()!);
                    }
                }

                i++;
            }
        }

        return data;
    }

    private static string SharedDir() =>
        Path.Combine(SharedTrackingDataset.RepoRoot(), "..", "shared", "data", "tracking-numbers", "couriers");

    private static string[] SharedFiles()
    {
        var files = Directory.GetFiles(SharedDir(), "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static JsonElement Doc(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}
