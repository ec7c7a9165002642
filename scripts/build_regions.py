"""Builds the project's region files in data/regions/ from the checked geography tables in
../shared/domain/ (CBS "Gebieden in Nederland 2026" 86247NED, "Woonplaatsen in Nederland 2026"
86312NED, postcode table; see ../shared/domain/SOURCES.md). Re-run when those tables change:

    python scripts/build_regions.py [--shared ../shared/domain]
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "regions"
HEADER = "# Built by scripts/build_regions.py from {source} ({year}); do not edit by hand.\n"


def copy_table(source: Path, target: Path, columns: list[str], provenance: str) -> int:
    with source.open(encoding="utf-8", newline="") as f:
        rows = [{c: row[c] for c in columns} for row in csv.DictReader(f)]
    with target.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER.format(source=provenance, year=2026))
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "domain")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    counts = {
        "municipalities": copy_table(
            args.shared / "municipalities.csv", OUT / "municipalities.csv",
            ["cbs_code", "name", "region_code", "region_name"],
            "CBS 86247NED Gebieden in Nederland 2026"),
        "places": copy_table(
            args.shared / "places.csv", OUT / "places.csv",
            ["place", "municipality_cbs_code", "kind"],
            "CBS 86312NED Woonplaatsen in Nederland 2026 and aliases (SOURCES.md)"),
        "postcodes": copy_table(
            args.shared / "postcodes_pc4.csv", OUT / "postcodes_pc4.csv",
            ["pc4", "municipality_cbs_code"], "postcode table (SOURCES.md)"),
    }
    print(", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
