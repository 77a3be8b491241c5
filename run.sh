#!/usr/bin/env bash
# Kuajing main job: plans every bundled real order (UCI Online Retail, 2010-12..2011-10) door to door
# from the Zhengzhou hub, replayed 782 weeks later (2025-11..2026-10, same weekdays), into the
# embedded SQLite store kuajing.db, writing out/plans.json and out/plans.csv.
# Extra arguments are passed to `kuajing plan` (e.g. --objective fastest --incoterm DDP).
# Exit code: 0 all input accepted, 1 some rows rejected (listed in rejections.csv), 2 usage error.
set -euo pipefail
cd "$(dirname "$0")"
dll=src/Kuajing.Cli/bin/Release/net10.0/Kuajing.Cli.dll
stamp=src/Kuajing.Cli/bin/Release/net10.0/.built
# Build on first use and whenever a source or build file is newer than the last successful build.
if [ ! -f "$dll" ] || [ ! -f "$stamp" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props global.json \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$stamp" -print -quit)" ]; then
  dotnet build src/Kuajing.Cli -c Release --nologo -v q >/dev/null
  touch "$stamp"
fi
mkdir -p out
exec dotnet "$dll" plan data/orders/online-retail \
  --shift-weeks 782 --db kuajing.db --out out/plans.json --csv out/plans.csv "$@"
