#!/usr/bin/env bash
# Kuajing main job: plans every bundled real order (UCI Online Retail, 2010-12..2011-10) door to door
# from the Zhengzhou hub, replayed 782 weeks later (2025-11..2026-10, same weekdays), into the
# embedded SQLite store kuajing.db, writing out/plans.json and out/plans.csv.
# Extra arguments are passed to `kuajing plan` (e.g. --objective fastest --incoterm DDP).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Kuajing.Cli -c Release --nologo -v q >/dev/null
mkdir -p out
exec dotnet src/Kuajing.Cli/bin/Release/net10.0/Kuajing.Cli.dll plan data/orders/online-retail \
  --shift-weeks 782 --db kuajing.db --out out/plans.json --csv out/plans.csv "$@"
