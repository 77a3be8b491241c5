#!/usr/bin/env python3
"""Derives the EU/GB part of vat-rates.csv from ibericode/vat-rates (vat-rates.json, MIT) and appends the
non-EU rows transcribed from shared/reference/regulatory-facts.md section 2. Run from the repo root:
    python3 data/tax/derive-vat-rates.py ../shared/data/eu-vat-rates/vat-rates.json > data/tax/vat-rates.csv
The upstream "0000-01-01" (since before tracking) start of the CURRENT period is replaced by the date the
current standard rate took effect per regulatory-facts.md section 2 (vatnode history, built from the
Commission's TEDB); an older "0000-01-01" period keeps an empty start and status U (start unknown)."""
import csv, json, sys

IBERICODE = "ibericode/vat-rates@5abb1e1be91faa42d21c743c603a0aec9b5bab70 vat-rates.json (MIT)"
VATNODE = "regulatory-facts.md s2 (vatnode/eu-vat-rates-data eu-vat-rates-history.json, 2026-09-23, TEDB)"
# Date the current standard rate took effect and the rate, regulatory-facts.md section 2.
FACTS = {"AT": ("1984-01-01", 20), "BE": ("1996-01-01", 21), "BG": ("1999-01-01", 20), "HR": ("2012-03-01", 25),
         "CY": ("2014-01-13", 19), "CZ": ("2013-01-01", 21), "DK": ("1992-01-01", 25), "EE": ("2025-07-01", 24),
         "FI": ("2024-09-01", 25.5), "FR": ("2014-01-01", 20), "DE": ("2021-01-01", 19), "GR": ("2016-06-01", 24),
         "HU": ("2012-01-01", 27), "IE": ("2021-03-01", 23), "IT": ("2013-10-01", 22), "LV": ("2012-07-01", 21),
         "LT": ("2009-09-01", 21), "LU": ("2024-01-01", 17), "MT": ("2004-01-01", 18), "NL": ("2012-10-01", 21),
         "PL": ("2011-01-01", 23), "PT": ("2011-01-01", 23), "RO": ("2025-08-01", 21), "SK": ("2025-01-01", 23),
         "SI": ("2013-07-01", 22), "ES": ("2012-09-01", 21), "SE": ("1990-07-01", 25), "GB": ("2011-01-04", 20)}

def fmt(r):
    return ("%g" % r)

items = json.load(open(sys.argv[1]))["items"]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["country", "region", "rate_percent", "valid_from", "valid_until", "source", "status", "note"])
for cc in sorted(items):
    periods = sorted(items[cc], key=lambda p: p["effective_from"])
    fact_from, fact_rate = FACTS[cc]
    for i, p in enumerate(periods):
        rate = p["rates"]["standard"]
        until = periods[i + 1]["effective_from"] if i + 1 < len(periods) else ""
        start = p["effective_from"]
        current = i == len(periods) - 1
        if current:
            assert rate == fact_rate, (cc, rate, fact_rate)
        if start == "0000-01-01":
            if current:
                w.writerow([cc, "", fmt(rate), fact_from, until, IBERICODE + "; " + VATNODE, "C",
                            "upstream start 'since before tracking'; start date from vatnode history"])
            else:
                w.writerow([cc, "", fmt(rate), "", until, IBERICODE, "U",
                            "upstream start 'since before tracking': first day not known"])
        else:
            w.writerow([cc, "", fmt(rate), start, until, IBERICODE, "C", ""])

FX = "https://www.vat-solutions.com/blog/european-union-3/vat-rates-2025-in-the-european-union-46"
rows = [
    ["NO", "", "25", "", "", FX + " ; https://www.skatteetaten.no/en/business-and-organisation/vat-and-duties/vat/foreign/e-commerce-voec/low-value/", "C", "rate C; first day U (regulatory-facts s2)"],
    ["CH", "", "8.1", "2024-01-01", "", "https://vatupdate.com/?p=264017 ; https://lirex.one/en/increase-in-vat-rate-as-of-january-1-2024-ch-li/", "C", "standard rate; reduced 2.6 %, accommodation 3.8 % not modelled"],
    ["AU", "", "10", "", "", "https://www.paccon.com/au/gst-on-low-value-imported-goods-effective-1-july-2018/", "C", "GST; rate C, first day U"],
    ["NZ", "", "15", "", "", "https://www.classic.ird.govt.nz/campaigns/2018/gst-policy-update.html", "C", "GST; rate C, first day U"],
    ["JP", "", "10", "", "", "https://vatcalc.com/singapore/singapore-gst-rise-to-9-jan-2024-second-increase-in-a-year", "C", "consumption tax; rate C, first day U"],
    ["SG", "", "8", "2023-01-01", "2024-01-01", "https://www.claglobal.com/insights/singapore-gst-rate-increases-by-another-1-in-2024", "C", "GST 8 % during 2023"],
    ["SG", "", "9", "2024-01-01", "", "https://www.claglobal.com/insights/singapore-gst-rate-increases-by-another-1-in-2024", "C", "GST"],
    ["CA", "GST only (AB, NT, NU, YT)", "5", "", "", "https://vatcalc.com/canada/canada-nova-scotia-hst-1-cut-april-2025", "C", "federal GST; first day U"],
    ["CA", "HST ON", "13", "", "", "https://ace-volve.com/nova-scotia-to-cut-hst-rate-in-2025", "C", "first day U"],
    ["CA", "HST NB", "15", "2016-07-01", "", "https://www.avalara.com/vatlive/en/vat-news/canada-sales-tax-hikes-2016.html", "C", ""],
    ["CA", "HST NL", "15", "2016-07-01", "", "https://www.avalara.com/vatlive/en/vat-news/canada-sales-tax-hikes-2016.html", "C", ""],
    ["CA", "HST PE", "15", "2016-10-01", "", "https://www.avalara.com/vatlive/en/vat-news/canada-sales-tax-hikes-2016.html", "C", ""],
    ["CA", "HST NS", "15", "", "2025-04-01", "https://vatcalc.com/canada/canada-nova-scotia-hst-1-cut-april-2025", "U", "15 % before the cut; first day U"],
    ["CA", "HST NS", "14", "2025-04-01", "", "https://vatcalc.com/canada/canada-nova-scotia-hst-1-cut-april-2025 ; https://www.demersbeaulne.com/en/2025/03/08/hst-reduction-in-nova-scotia-are-you-ready/", "C", ""],
    ["CA", "GST + QST QC", "14.975", "", "", "https://ace-volve.com/nova-scotia-to-cut-hst-rate-in-2025", "C", "5 % + 9.975 %; first day U"],
    ["CA", "GST + PST BC", "12", "", "", "https://ace-volve.com/nova-scotia-to-cut-hst-rate-in-2025", "C", "5 % + 7 %; first day U"],
    ["CA", "GST + RST MB", "12", "", "", "https://ace-volve.com/nova-scotia-to-cut-hst-rate-in-2025", "C", "5 % + 7 %; first day U"],
    ["CA", "GST + PST SK", "11", "", "", "https://ace-volve.com/nova-scotia-to-cut-hst-rate-in-2025", "C", "5 % + 6 %; first day U"],
    ["SA", "", "15", "", "", "https://saudigazette.com.sa/article/611390", "C", "VAT on all imports; first day U"],
    ["AE", "", "5", "", "", "https://www.zoho.com/ae/books/vat/faq/imports/vat-payable-calculation-imports-uae.html", "C", "VAT on imports; first day U"],
    ["MX", "", "16", "", "", "https://puertovallartareporter.com/?p=60200", "C", "IVA; first day U"],
    ["CN", "", "13", "", "", "(not retrieved; regulatory-facts s2)", "U", "import VAT on general goods; rate unconfirmed"],
    ["BR", "ICMS all states", "17", "", "2025-04-01", "https://www.correiobraziliense.com.br/economia/2025/03/7098360-icms-de-compras-internacionais-sobe-para-20-em-10-estados-a-partir-de-amanha.html", "C", "state ICMS on RTS imports; first day U"],
    ["BR", "ICMS AC AL BA CE MG PB PI RN RR SE", "20", "2025-04-01", "", "https://www.correiobraziliense.com.br/economia/2025/03/7098360-icms-de-compras-internacionais-sobe-para-20-em-10-estados-a-partir-de-amanha.html ; https://clipnews.com.br/economia/compras-internacionais-dez-estados-elevam-taxa-de-icms", "C", "one source lists AP instead of RR"],
    ["BR", "ICMS other states", "17", "2025-04-01", "", "https://www.correiobraziliense.com.br/economia/2025/03/7098360-icms-de-compras-internacionais-sobe-para-20-em-10-estados-a-partir-de-amanha.html", "C", "some states may raise by decree"],
]
for r in rows:
    w.writerow(r)
