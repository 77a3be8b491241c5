using Kuajing.ReferenceData;

namespace Kuajing.Tests.ReferenceData;

/// <summary>The bundled reference data, loaded once for all tests (ReferenceDataSet caches per folder).</summary>
internal static class Bundled
{
    public static ReferenceDataSet Data => ReferenceDataSet.Load(DataDirectory.Find());

    public static string PathOf(string relative) => Path.Combine(DataDirectory.Find(), relative);

    /// <summary>Writes a temporary file with the given name and content, returning its path.</summary>
    public static string TempFile(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kuajing-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
