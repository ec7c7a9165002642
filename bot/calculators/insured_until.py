"""Until when health insurance runs on after a job ends (data/facts/health_insurance.yml)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

from bot import ROOT

FACTS_FILE = ROOT / "data" / "facts" / "health_insurance.yml"


@lru_cache(maxsize=1)
def run_on_days(path: Path = FACTS_FILE) -> int:
    with path.open(encoding="utf-8") as f:
        return int(yaml.safe_load(f)["run_on_days"])


def insured_until(job_ended: dt.date) -> dt.date:
    """The last day the insurance can still run on after the job ended on `job_ended`."""
    return job_ended + dt.timedelta(days=run_on_days())
