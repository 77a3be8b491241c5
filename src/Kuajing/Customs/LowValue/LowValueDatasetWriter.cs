using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace Kuajing.Customs.LowValue;

/// <summary>
/// Writes low-value data sets as JSON (one document, every field with its value, data element number, requirement,
/// source and status) or as CSV for bulk (one row per item, header fields repeated; layout in docs/low-value-datasets.md).
/// </summary>
public static class LowValueDatasetWriter
{
    private static readonly string[] LeadingColumns = ["dataset", "country", "order", "order_date", "status", "item"];

    /// <summary>Writes the data sets as a JSON object <c>{ "datasets": [ … ] }</c>, indented, UTF-8.</summary>
    /// <param name="stream">Target stream (left open).</param>
    /// <param name="datasets">The data sets.</param>
    public static void WriteJson(Stream stream, IEnumerable<LowValueDataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(datasets);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartArray("datasets");
        foreach (var d in datasets)
        {
            w.WriteStartObject();
            w.WriteString("dataset", d.Dataset);
            w.WriteString("country", d.Country);
            w.WriteString("order", d.OrderId);
            w.WriteString("orderDate", d.OrderDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("status", Kebab(d.Status.ToString()));
            w.WriteBoolean("hasErrors", d.HasErrors);
            if (d.Regime is { } r)
            {
                w.WriteStartObject("regime");
                w.WriteString("id", r.Id);
                w.WriteString("threshold", string.Create(CultureInfo.InvariantCulture, $"{r.Threshold} {r.Currency}"));
                w.WriteString("source", r.Source.Citation);
                w.WriteString("sourceStatus", Status(r.Source.Status));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("regime");
            }

            w.WriteStartObject("header");
            WriteValues(w, d.Header);
            w.WriteEndObject();
            w.WriteStartArray("items");
            for (var i = 0; i < d.Items.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("item", i + 1);
                WriteValues(w, d.Items[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("issues");
            foreach (var issue in d.Issues)
            {
                w.WriteStartObject();
                w.WriteString("field", issue.Field);
                w.WriteString("severity", issue.Severity.ToString().ToLowerInvariant());
                w.WriteString("message", issue.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes the data sets as CSV: columns <c>dataset,country,order,order_date,status,item</c>, then every header field
    /// and every item field of the first data set's field list (all data sets must share it), then <c>issues</c>
    /// (errors and gaps joined by " | "). A data set without items gives one row with an empty item.
    /// </summary>
    /// <param name="writer">Target (left open).</param>
    /// <param name="datasets">The data sets, all of one data set id.</param>
    /// <exception cref="ArgumentException">When the data sets mix data set ids.</exception>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<LowValueDataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(datasets);
        if (datasets.Select(d => d.Dataset).Distinct().Count() > 1)
        {
            throw new ArgumentException("CSV output needs data sets of one kind (one --dest)", nameof(datasets));
        }

        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        var headerFields = datasets.Count > 0 ? datasets[0].Header.Select(v => v.Spec.Field).ToArray() : [];
        var itemFields = datasets.Count > 0 && datasets[0].Items.Count > 0 ? datasets[0].Items[0].Select(v => v.Spec.Field).ToArray() : [];
        foreach (var name in LeadingColumns.Concat(headerFields).Concat(itemFields).Append("issues"))
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        foreach (var d in datasets)
        {
            var issues = string.Join(" | ", d.Issues.Where(i => i.Severity != LowValueIssueSeverity.Notice).Select(i => i.ToString()));
            var rows = d.Items.Count == 0 ? [null] : d.Items.Select((v, i) => (IReadOnlyList<LowValueValue>?)v).ToArray();
            for (var i = 0; i < rows.Length; i++)
            {
                csv.WriteField(d.Dataset);
                csv.WriteField(d.Country);
                csv.WriteField(d.OrderId);
                csv.WriteField(d.OrderDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(Kebab(d.Status.ToString()));
                csv.WriteField(rows[i] is null ? "" : (i + 1).ToString(CultureInfo.InvariantCulture));
                foreach (var f in headerFields)
                {
                    csv.WriteField(d.HeaderValue(f) ?? "");
                }

                foreach (var f in itemFields)
                {
                    csv.WriteField(rows[i]?.FirstOrDefault(v => v.Spec.Field == f)?.Value ?? "");
                }

                csv.WriteField(issues);
                csv.NextRecord();
            }
        }
    }

    private static void WriteValues(Utf8JsonWriter w, IReadOnlyList<LowValueValue> values)
    {
        foreach (var v in values)
        {
            w.WriteStartObject(v.Spec.Field);
            if (v.Value is null)
            {
                w.WriteNull("value");
            }
            else
            {
                w.WriteString("value", v.Value);
            }

            if (v.Spec.DeNumber is { } de)
            {
                w.WriteString("de", de);
            }

            w.WriteString("requirement", v.Spec.Requirement.ToString().ToLowerInvariant());
            if (v.Note is { } note)
            {
                w.WriteString("note", note);
            }

            w.WriteString("source", v.Spec.Source.Citation);
            w.WriteString("sourceStatus", Status(v.Spec.Source.Status));
            w.WriteEndObject();
        }
    }

    private static string Status(Provenance.SourceStatus s) => s switch
    {
        Provenance.SourceStatus.Confirmed => "C",
        Provenance.SourceStatus.Derived => "D",
        Provenance.SourceStatus.Unconfirmed => "U",
        _ => "E",
    };

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
