"""docs/architecture.md's file map names every module of the project, and only those."""

import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _tracked_modules() -> set[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return {
        path
        for path in listed
        if not path.startswith("tests/")
        and "/migrations/" not in path
        and not (path.endswith("__init__.py") and not (ROOT / path).read_text().strip())
    }


def _mapped_modules() -> set[str]:
    text = (ROOT / "docs" / "architecture.md").read_text()
    section = text.split("## File map", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([^`]+\.py)` — ", section, flags=re.M))


def test_the_file_map_names_every_module_and_only_those():
    tracked, mapped = _tracked_modules(), _mapped_modules()
    assert sorted(tracked - mapped) == [], "modules missing from docs/architecture.md's file map"
    assert sorted(mapped - tracked) == [], "the file map names modules that no longer exist"
