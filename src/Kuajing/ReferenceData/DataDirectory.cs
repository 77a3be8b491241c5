namespace Kuajing.ReferenceData;

/// <summary>
/// Locates Kuajing's bundled reference data folder (<c>data/</c> at the repository root, marked by
/// <c>data/SOURCE.md</c>). Looked for, in order: the <c>KUAJING_DATA</c> environment variable, then
/// <c>data/</c> in the current directory and each parent, then beside the executable and each parent.
/// </summary>
public static class DataDirectory
{
    /// <summary>Name of the environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "KUAJING_DATA";

    /// <summary>Finds the data folder.</summary>
    /// <returns>Absolute path of the <c>data/</c> folder.</returns>
    /// <exception cref="DirectoryNotFoundException">When no folder with a <c>SOURCE.md</c> is found.</exception>
    public static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return File.Exists(Path.Combine(fromEnv, "SOURCE.md"))
                ? Path.GetFullPath(fromEnv)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnv} has no SOURCE.md");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, "SOURCE.md")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Kuajing data folder not found: looked for data/SOURCE.md above {Directory.GetCurrentDirectory()} and {AppContext.BaseDirectory}; set {EnvironmentVariable}");
    }

    /// <summary>Path of a file inside the data folder.</summary>
    /// <param name="relative">Path relative to <c>data/</c>, with '/' separators.</param>
    /// <returns>Absolute path (the file may not exist).</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    public static string PathOf(string relative) => Path.Combine(Find(), relative);
}
