"""Small functions on a session: load the region files into the database (idempotent: the
tables are replaced as a whole, in one transaction) and read them back."""
from __future__ import annotations

import csv
from pathlib import Path

import yaml
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot import ROOT
from bot.db.models import HelpPoint, Municipality, Place, Postcode, Region

REGIONS_DIR = ROOT / "data" / "regions"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def load_regions(session: Session, folder: Path = REGIONS_DIR) -> dict[str, int]:
    """Replace the region tables with the contents of data/regions/. Safe to run again."""
    for model in (HelpPoint, Postcode, Place, Municipality, Region):
        session.execute(delete(model))
    municipalities = _rows(folder / "municipalities.csv")
    regions = {r["region_code"]: r["region_name"] for r in municipalities}
    session.add_all(Region(code=c, name=n) for c, n in sorted(regions.items()))
    session.flush()
    session.add_all(Municipality(cbs_code=r["cbs_code"], name=r["name"],
                                 region_code=r["region_code"])
                    for r in municipalities)
    session.flush()
    seen = set()
    for r in _rows(folder / "places.csv"):
        key = (r["place"], r["municipality_cbs_code"])
        if key not in seen:
            seen.add(key)
            session.add(Place(name=r["place"], municipality_code=r["municipality_cbs_code"],
                              kind=r["kind"]))
    session.add_all(Postcode(pc4=r["pc4"], municipality_code=r["municipality_cbs_code"])
                    for r in _rows(folder / "postcodes_pc4.csv"))
    with (folder / "informatiepunten.yml").open(encoding="utf-8") as f:
        for p in yaml.safe_load(f)["points"]:
            session.add(HelpPoint(
                region_code=p["region"], name=p["name"], address=p["where"], email=p.get("email"),
                website=p.get("website"), phone=p.get("phone"),
                opening_hours=p.get("opening_hours"),
                languages=",".join(p.get("languages") or []) or None, status=p["status"],
                source=p["source"], last_checked=p["record_checked"],
                source_date=p.get("source_date")))
    session.flush()
    return counts(session)


def counts(session: Session) -> dict[str, int]:
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Region, Municipality, Place, Postcode, HelpPoint)}


def regions_of_postcode(session: Session, pc4: str) -> list[Region]:
    """The region(s) of a postcode: a postcode on a municipal border can lie in two."""
    return list(session.execute(
        select(Region).join(Municipality, Municipality.region_code == Region.code)
        .join(Postcode, Postcode.municipality_code == Municipality.cbs_code)
        .where(Postcode.pc4 == pc4).distinct().order_by(Region.code)
    ).scalars())


def help_points_for_municipality(session: Session, cbs_code: str) -> list[HelpPoint]:
    return list(session.execute(
        select(HelpPoint).join(Municipality, Municipality.region_code == HelpPoint.region_code)
        .where(Municipality.cbs_code == cbs_code).order_by(HelpPoint.name)
    ).scalars())


def export_regions(session: Session) -> list[dict]:
    """Every municipality with its region and help points, for review or other tools."""
    rows = session.execute(
        select(Municipality, Region).join(Region, Municipality.region_code == Region.code)
        .order_by(Municipality.cbs_code)
    ).all()
    points: dict[str, list[str]] = {}
    for point in session.execute(select(HelpPoint)).scalars():
        points.setdefault(point.region_code, []).append(point.name)
    return [{"cbs_code": m.cbs_code, "municipality": m.name, "region_code": r.code,
             "region": r.name, "help_points": "; ".join(points.get(r.code, []))}
            for m, r in rows]
