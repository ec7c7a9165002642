"""The README stays true: its first commands and every path it names exist."""
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_first_two_commands_are_make_run_and_make_test():
    assert re.findall(r"make (?:run|test)", README)[:2] == ["make run", "make test"]


def named_paths():
    """Paths in the first column of the '## Files' block; indented names are inside the folder
    named above them."""
    block = README.split("## Files", 1)[1].split("```")[1]
    folder = ""
    for line in block.splitlines():
        if not line.strip():
            continue
        indented = line.startswith("  ")
        first_column = re.split(r"\s{2,}", line.strip())[0]
        for name in (n.strip() for n in first_column.split(",")):
            if not name or "<" in name:
                continue
            yield (folder + name) if indented else name
        if not indented:
            folder = first_column if first_column.endswith("/") else ""


def test_every_path_in_the_file_overview_exists():
    missing = [p for p in named_paths() if not (ROOT / p).exists()]
    assert not missing, f"README names paths that do not exist: {missing}"
