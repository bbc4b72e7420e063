"""Check a .deb's Depends against what the bundle's ELF files really link to.

    python3 packaging/linux/deb_deps.py BUNDLE_DIR --depends "libfoo1, libbar2 (>= 1.0)" \
        [--optional "libwayland-client0, ..."]
    python3 packaging/linux/deb_deps.py BUNDLE_DIR --glibc     # prints e.g. 2.36

For every ELF file in the bundle, reads its NEEDED libraries (readelf -d). Libraries the bundle
carries itself are fine. Every other one is looked up on this machine (ldconfig -p, dpkg -S) and
its Debian package must be in --depends (or --optional, for the plugins that only load when
their libraries exist, such as Wayland). Prints the map and the newest GLIBC symbol version
needed, and exits 1 when a package is missing from the declared lists.
Libraries not installed on this machine are listed as unresolved (a warning, not an error):
they belong to optional plugins whose libraries the build machine does not have.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")
_GLIBC = re.compile(r"GLIBC_(\d+)\.(\d+)")
# Part of libc6 itself (glibc 2.34 merged libpthread, libdl, librt into libc).
LIBC = {
    "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libresolv.so.2",
}  # fmt: skip


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False)
    return _NEEDED.findall(out.stdout)


def glibc_needed(path: Path) -> tuple[int, int]:
    out = subprocess.run(["readelf", "-V", str(path)], capture_output=True, text=True, check=False)
    versions = [(int(a), int(b)) for a, b in _GLIBC.findall(out.stdout)]
    return max(versions, default=(0, 0))


def system_paths() -> dict[str, str]:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        name, _, target = line.strip().partition(" => ")
        name = name.split(" (")[0]
        if "x86-64" in line or "AArch64" in line or "64bit" in line or name not in paths:
            paths.setdefault(name, target)
    return paths


def package_of(path: str) -> str | None:
    real = str(Path(path).resolve())
    for candidate in (path, real, real.replace("/usr/lib/", "/lib/", 1)):
        out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if out.returncode == 0:
            return out.stdout.split(":")[0].strip()
    return None


def names(declared: str) -> set[str]:
    return {part.split("(")[0].split(":")[0].strip() for part in declared.split(",") if part}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--depends", default="")
    parser.add_argument("--optional", default="")
    parser.add_argument("--glibc", action="store_true", help="print the glibc version needed")
    args = parser.parse_args()
    if args.glibc:
        newest = max((glibc_needed(p) for p in elf_files(args.bundle)), default=(0, 0))
        print(f"{newest[0]}.{newest[1]}")
        return 0
    for tool in ("readelf", "ldconfig", "dpkg"):
        if shutil.which(tool) is None:
            print(f"deb_deps: no {tool} here: dependencies not checked", file=sys.stderr)
            return 0

    files = elf_files(args.bundle)
    carried = {p.name for p in args.bundle.rglob("*.so*")}
    users: dict[str, set[str]] = defaultdict(set)
    glibc = (0, 0)
    for path in files:
        glibc = max(glibc, glibc_needed(path))
        for lib in needed(path):
            if lib not in carried and lib not in LIBC:
                users[lib].add(path.name)

    where = system_paths()
    declared, optional = names(args.depends), names(args.optional)
    missing: dict[str, list[str]] = defaultdict(list)
    print(f"{len(files)} ELF files; newest glibc symbol needed: GLIBC_{glibc[0]}.{glibc[1]}")
    for lib in sorted(users):
        path = where.get(lib)
        package = package_of(path) if path else None
        if package is None:
            status = "unresolved here (optional plugin?)"
        elif package in declared:
            status = "Depends"
        elif package in optional:
            status = "Recommends"
        else:
            status = "NOT DECLARED"
            missing[package].append(lib)
        used_by = ", ".join(sorted(users[lib])[:3]) + (" …" if len(users[lib]) > 3 else "")
        print(f"  {lib:32} {package or '-':24} {status:12}  ({used_by})")
    for package, libs in sorted(missing.items()):
        print(f"deb_deps: {package} ({', '.join(libs)}) is needed but not declared")
    declared_glibc = re.search(r"libc6 \(>= (\d+)\.(\d+)\)", args.depends)
    if not declared_glibc or (int(declared_glibc[1]), int(declared_glibc[2])) < glibc:
        print(f"deb_deps: Depends must say libc6 (>= {glibc[0]}.{glibc[1]})")
        return 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
