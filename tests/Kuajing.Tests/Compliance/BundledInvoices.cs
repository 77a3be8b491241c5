using System.IO.Compression;
using System.Text;
using Kuajing.ReferenceData;

namespace Kuajing.Tests.Compliance;

/// <summary>
/// Whole real invoices cut from the bundled UCI Online Retail files (data/orders/online-retail, CC BY 4.0,
/// doi:10.24432/C5BW33): every line of each named invoice, verbatim, under the UCI header.
/// </summary>
internal static class BundledInvoices
{
    public static string Csv(string file, params string[] invoices)
    {
        var wanted = new HashSet<string>(invoices, StringComparer.Ordinal);
        var path = Path.Combine(DataDirectory.Find(), "orders", "online-retail", file);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        var sb = new StringBuilder(reader.ReadLine()).Append('\n');
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var id = line[..line.IndexOf(',', StringComparison.Ordinal)];
            if (wanted.Contains(id))
            {
                sb.Append(line).Append('\n');
                found.Add(id);
            }
        }

        Assert.Equal(wanted.Order(), found.Order());
        return sb.ToString();
    }
}
