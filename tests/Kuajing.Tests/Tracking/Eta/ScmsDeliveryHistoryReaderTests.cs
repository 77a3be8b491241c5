using Kuajing.ReferenceData;
using Kuajing.Tracking.Eta;
using NodaTime;

namespace Kuajing.Tests.Tracking.Eta;

// Golden values below were read by hand from data/eta/scms-delivery-history.csv.gz (zcat | sed -n 'Np'),
// USAID SCMS Delivery History Dataset (2019-10-08 release).
public sealed class ScmsDeliveryHistoryReaderTests
{
    [Fact]
    public void Read_Line2_ParsesNumericWeightFreightAndDeliveryDates()
    {
        // Line 2: ID 1, ASN-8, Côte d'Ivoire, Direct Drop, EXW, Air, Pre-PQ Process, Date Not Captured, 2-Jun-06, 2-Jun-06, … 13, 780.34
        var line = EtaTestData.Scms.Lines.Single(l => l.SourceLine == 2);
        Assert.Equal(1, line.Id);
        Assert.Equal("ASN-8", line.AsnDn);
        Assert.Equal("SCMS-4", line.PurchaseOrder);
        Assert.Equal("Côte d'Ivoire", line.Country);
        Assert.Equal("Direct Drop", line.FulfilVia);
        Assert.Equal("EXW", line.VendorIncoterm);
        Assert.Equal(ScmsShipmentMode.Air, line.Mode);
        Assert.Null(line.PqFirstSent);
        Assert.Null(line.PoSentToVendor);
        Assert.Equal(new LocalDate(2006, 6, 2), line.Scheduled);
        Assert.Equal(new LocalDate(2006, 6, 2), line.Delivered);
        Assert.Equal(13m, line.WeightKg);
        Assert.Null(line.WeightNote);
        Assert.Equal(780.34m, line.FreightUsd);
        Assert.Equal(0, line.DelayDays);
    }

    [Fact]
    public void Read_Line502_KeepsTextWeightAndFreightAsNotesAndComputesEarlyDelivery()
    {
        // Line 502: ID 5048, ASN-3759, South Africa, DDP, Air, scheduled 1-Apr-09, delivered 21-Nov-08,
        // "Weight Captured Separately", "Freight Included in Commodity Cost".
        var line = EtaTestData.Scms.Lines.Single(l => l.SourceLine == 502);
        Assert.Equal(5048, line.Id);
        Assert.Equal("South Africa", line.Country);
        Assert.Equal("DDP", line.VendorIncoterm);
        Assert.Equal(new LocalDate(2009, 4, 1), line.Scheduled);
        Assert.Equal(new LocalDate(2008, 11, 21), line.Delivered);
        Assert.Null(line.WeightKg);
        Assert.Equal("Weight Captured Separately", line.WeightNote);
        Assert.Null(line.FreightUsd);
        Assert.Equal("Freight Included in Commodity Cost", line.FreightNote);

        // 21 Nov 2008 → 1 Apr 2009 = 9 (rest of Nov) + 1 + 31 (Dec) + 31 (Jan) + 28 (Feb) + 31 (Mar) = 131 days early.
        Assert.Equal(-131, line.DelayDays);
    }

    [Fact]
    public void Read_Line3002_ParsesSlashOrderDatesAndSeeAsnReferences()
    {
        // Line 3002: ID 21674, ASN-13410, Vietnam, EXW, Air, PQ 9/21/11, PO 10/4/11, 18-Feb-12, 18-Feb-12,
        // weight and freight "See ASN-13410 (ID#:16901)".
        var line = EtaTestData.Scms.Lines.Single(l => l.SourceLine == 3002);
        Assert.Equal(21674, line.Id);
        Assert.Equal("Vietnam", line.Country);
        Assert.Equal(new LocalDate(2011, 9, 21), line.PqFirstSent);
        Assert.Equal(new LocalDate(2011, 10, 4), line.PoSentToVendor);
        Assert.Equal(new LocalDate(2012, 2, 18), line.Scheduled);
        Assert.Equal("See ASN-13410 (ID#:16901)", line.WeightNote);
        Assert.Equal("See ASN-13410 (ID#:16901)", line.FreightNote);
    }

    [Fact]
    public void Read_BundledFile_SkipsEveryNaModeRowWithReason()
    {
        // data/eta/SOURCE.md: 8,254 lines, of which 360 have Shipment Mode "N/A"; line 18 (ID 69) is one.
        var result = EtaTestData.Scms;
        Assert.Equal(360, result.Skipped.Count);
        Assert.All(result.Skipped, s => Assert.Equal("Shipment Mode", s.Field));
        Assert.Equal(8254 - 360, result.Lines.Count);
        var row = Assert.Single(result.Skipped, s => s.Line == 18);
        Assert.Equal("69", row.Id);
        Assert.Contains("'N/A'", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadDatesAndId_SkipsRowsNamingField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scms-bad-{Guid.NewGuid():N}.csv");
        const string Header = "ID,PO / SO #,ASN/DN #,Country,Fulfill Via,Vendor INCO Term,Shipment Mode,PQ First Sent to Client Date,PO Sent to Vendor Date,Scheduled Delivery Date,Delivered to Client Date,Weight (Kilograms),Freight Cost (USD)";
        File.WriteAllLines(path,
        [
            Header,
            "7,SCMS-1,ASN-1,Kenya,Direct Drop,EXW,Truck,x,x,2006-06-02,2-Jun-06,1,1",
            "8,SCMS-1,ASN-1,Kenya,Direct Drop,EXW,Truck,x,x,2-Jun-06,,1,1",
            "abc,SCMS-1,ASN-1,Kenya,Direct Drop,EXW,Truck,x,x,2-Jun-06,2-Jun-06,1,1",
            "9,SCMS-1,ASN-1,Kenya,Direct Drop,EXW,Ocean,x,x,2-Jun-06,5-Jun-06,-3,1",
        ]);
        try
        {
            var result = ScmsDeliveryHistoryReader.Read(path);
            Assert.Equal(["Scheduled Delivery Date", "Delivered to Client Date", "ID"], result.Skipped.Select(s => s.Field));
            Assert.Equal([2, 3, 4], result.Skipped.Select(s => s.Line));
            var kept = Assert.Single(result.Lines);
            Assert.Equal(3, kept.DelayDays);
            Assert.Null(kept.WeightKg); // a negative weight is not a weight: kept as a note, never as a number
            Assert.Equal("-3", kept.WeightNote);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MissingColumn_ThrowsNamingColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scms-nocol-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "ID,Country\n1,Kenya\n");
        try
        {
            var e = Assert.Throws<ReferenceDataException>(() => ScmsDeliveryHistoryReader.Read(path));
            Assert.Equal(1, e.Line);
            Assert.Equal("PO / SO #", e.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
