"""The layout's rules hold (README, Architecture): no import loops, Rasa only in bot/rasa/ and
actions/, the chat never through the staff wing, and each package names its job."""
import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
RASA = ("rasa", "rasa_sdk")
# Which package may import which of ours (the rule of the README's Architecture section).
MAY_NOT_IMPORT = {
    "bot.language": ("bot.answers", "bot.places", "bot.calculators", "bot.dialogue", "bot.staff",
                     "bot.web", "bot.usage", "bot.channels", "bot.rasa"),
    "bot.answers": ("bot.staff", "bot.web", "bot.rasa", "bot.dialogue"),
    "bot.places": ("bot.staff", "bot.web", "bot.rasa", "bot.dialogue"),
    "bot.calculators": ("bot.staff", "bot.web", "bot.rasa"),
    "bot.dialogue": ("bot.staff", "bot.web", "bot.rasa"),
    "bot.channels": ("bot.staff", "bot.rasa"),
    "bot.db": ("bot.staff", "bot.web", "bot.rasa", "bot.dialogue"),
    "bot.usage": ("bot.staff", "bot.web", "bot.rasa"),
    "bot.handover": ("bot.staff", "bot.web", "bot.rasa", "bot.dialogue"),
    "bot.staff": ("bot.rasa",),
    "bot.web": ("bot.rasa",),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for folder in ("bot", "actions")
           for p in sorted((ROOT / folder).rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Every module this one imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def ours(name: str) -> set[str]:
    return {m for m in imports_of(name) if m in MODULES and m != name}


def test_there_are_no_import_loops():
    graph = {name: ours(name) for name in MODULES}
    for package in [n for n in MODULES if MODULES[n].name == "__init__.py"]:
        graph[package] = set()  # a package is imported for its submodule, not its body
    state: dict[str, str] = {}
    loops = []

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                loops.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not loops, loops


def test_only_the_rasa_wing_and_the_actions_import_rasa():
    offenders = sorted(name for name in MODULES
                       if not name.startswith(("bot.rasa", "actions"))
                       and any(m.split(".")[0] in RASA for m in imports_of(name)))
    assert not offenders


@pytest.mark.parametrize("package", sorted(MAY_NOT_IMPORT))
def test_packages_import_only_what_the_rule_allows(package):
    forbidden = MAY_NOT_IMPORT[package]
    broken = sorted((name, m) for name in MODULES if name.startswith(package + ".")
                    or name == package for m in ours(name) if m.startswith(forbidden))
    assert not broken


def test_every_package_says_what_it_owns_and_the_root_stays_small():
    for init in sorted((ROOT / "bot").rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 60, init
    root_modules = [p.name for p in (ROOT / "bot").glob("*.py") if p.name != "__init__.py"]
    assert len(root_modules) <= 5, root_modules
    names = [p.stem for p in (ROOT / "bot").rglob("*.py") if p.stem != "__init__"]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
