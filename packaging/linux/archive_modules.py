"""Check which Python modules a PyInstaller executable carries (its embedded PYZ archive).

    python packaging/linux/archive_modules.py dist/schemadesk/schemadesk MODULE... \
        [--absent MODULE...]

Exits 1 when a wanted module is missing or an unwanted one is there. Needs PyInstaller (the same
reader ``pyi-archive_viewer`` uses). Works for the Linux, Windows and macOS executables alike.
"""

from __future__ import annotations

import argparse
import sys

from PyInstaller.archive.readers import CArchiveReader


def bundled_modules(executable: str) -> set[str]:
    archive = CArchiveReader(executable)
    modules: set[str] = set()
    for name in archive.toc:
        if name.endswith(".pyz") or name == "PYZ.pyz" or name.startswith("PYZ"):
            modules.update(archive.open_embedded_archive(name).toc)
    return modules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("executable")
    parser.add_argument("wanted", nargs="*")
    parser.add_argument("--absent", nargs="*", default=[])
    args = parser.parse_args()
    modules = bundled_modules(args.executable)
    missing = [m for m in args.wanted if m not in modules]
    unwanted = [
        m for m in args.absent if m in modules or any(n.startswith(m + ".") for n in modules)
    ]
    print(
        f"{len(modules)} modules in the archive; present: {', '.join(args.wanted) or '-'}; "
        f"absent: {', '.join(args.absent) or '-'}"
    )
    for m in missing:
        print(f"archive_modules: {m} is missing from the bundle", file=sys.stderr)
    for m in unwanted:
        print(f"archive_modules: {m} should not be in the bundle", file=sys.stderr)
    return 1 if missing or unwanted else 0


if __name__ == "__main__":
    sys.exit(main())
