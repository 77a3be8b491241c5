#!/usr/bin/env python3
"""Derives the compact tariff tables in data/tariffs/ from the shared schedules (see SOURCE.md). Run from the repo root:
    python3 data/tariffs/derive-tariffs.py ../shared/data/tariffs data/tariffs
Nothing is computed: rows are selected and columns dropped; rate texts are copied verbatim (only trimmed).
- us-hts-2026-rev10.csv: every 8- or 10-digit HTSUS line of chapters 01-97 whose own column-1 General text is not
  empty (10-digit statistical lines without their own rate inherit the 8-digit line's rate, so they are not repeated).
- us-s301-product-lists.csv: unmodified copy of s301_product_lists.csv (Budget Lab at Yale, MIT).
- uk-global-tariff-2021.csv: every row of global-uk-tariff.csv, columns commodity, ukgt_duty_rate, cet_duty_rate
  (descriptions and the DIT flags dropped).
- jp-customs-tariff-2026-07-09.csv: every leaf row with a 9-digit statistical code, columns code, unit_I, unit_II and
  the node's effective basic/temporary/WTO triple (mfn_*_effective, inherited from the nearest ancestor when the
  node has none, as the shared flat file documents)."""
import csv, gzip, shutil, sys, os

src, dst = sys.argv[1], sys.argv[2]

def writer(name, header):
    f = open(os.path.join(dst, name), "w", newline="", encoding="utf-8")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    return f, w

f, w = writer("us-hts-2026-rev10.csv", ["code", "general", "units"])
for r in csv.DictReader(gzip.open(os.path.join(src, "us-usitc-hts/hts_2026_rev_10_flat.csv.gz"), "rt", encoding="utf-8")):
    if len(r["hts_digits"]) in (8, 10) and r["chapter"] not in ("98", "99") and r["general"].strip():
        w.writerow([r["hts_digits"], r["general"].strip(), r["units"]])
f.close()

shutil.copyfile(os.path.join(src, "us-usitc-hts/s301_product_lists.csv"), os.path.join(dst, "us-s301-product-lists.csv"))

f, w = writer("uk-global-tariff-2021.csv", ["commodity", "ukgt_duty_rate", "cet_duty_rate"])
for r in csv.DictReader(gzip.open(os.path.join(src, "uk-global-tariff-2021/global-uk-tariff.csv.gz"), "rt", encoding="utf-8")):
    w.writerow([r["commodity"].strip(), r["ukgt_duty_rate"].strip(), r["cet_duty_rate"].strip()])
f.close()

f, w = writer("jp-customs-tariff-2026-07-09.csv", ["code", "unit_I", "unit_II", "basic", "temporary", "wto"])
for r in csv.DictReader(gzip.open(os.path.join(src, "japan-customs-tariff/japan_tariff_2026-07-09_flat.csv.gz"), "rt", encoding="utf-8")):
    if r["is_leaf"] == "1" and len(r["code"]) == 9:
        w.writerow([r["code"], r["unit_I"], r["unit_II"], r["mfn_basic_effective"].strip(),
                    r["mfn_temporary_effective"].strip(), r["mfn_wto_effective"].strip()])
f.close()
