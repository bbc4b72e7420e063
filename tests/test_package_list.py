"""pyproject.toml lists the packages by hand (resources/ is mapped into the package, which rules
out automatic discovery): a package missing from the list, or listed but absent, breaks
``pip install .`` on a fresh clone."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_listed_packages_are_exactly_the_packages_in_src() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src").rglob("__init__.py")
    }
    on_disk.add("schemadesk.resources")  # mapped from the top-level resources/ folder
    assert sorted(on_disk - listed) == [], "packages in src/ missing from pyproject.toml"
    assert sorted(listed - on_disk) == [], "pyproject.toml lists packages that do not exist"
    assert config["package-dir"]["schemadesk.resources"] == "resources"
