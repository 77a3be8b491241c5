using Kuajing.Tracking.Eta;

namespace Kuajing.Tests.Tracking.Eta;

/// <summary>Locates the repository and the shared SCMS copy; reads the bundled SCMS file once per test run.</summary>
internal static class EtaTestData
{
    private static readonly Lazy<ScmsReadResult> Bundled = new(() => ScmsDeliveryHistoryReader.Read(BundledPath));

    public static string RepoRoot => SharedTrackingDataset.RepoRoot();

    public static string BundledPath => Path.Combine(RepoRoot, "data", "eta", "scms-delivery-history.csv.gz");

    public static ScmsReadResult Scms => Bundled.Value;
}
