"""Build one content root with a git ref and with the work tree; diff the two sites.

Usage:
    python benchmarks/compare_builds.py main                  # the example root
    python benchmarks/compare_builds.py main --sessions 200   # bench.py's synthetic root

Each side runs `handover build` from its own copy of the code (the ref through
`git archive`, the work tree as it is) on the same root, with the same `--today` and
`SOURCE_DATE_EPOCH`, into its own temporary folder; then every file of the two sites is
compared byte by byte. Exit status 0 when the trees are identical, 1 when they differ.
A restructuring that must not change behaviour shows "identical" here.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import TODAY, write_root

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"  # 2026-11-18, fixed so that MkDocs' dates do not vary


def checkout(ref: str, dest: Path) -> Path:
    """The tree of ``ref`` (a commit, branch or tag) written into ``dest``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", ref],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def build(code: Path, root: Path, site: Path) -> None:
    """`handover build` with the generator of ``code`` (first on the import path)."""
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": EPOCH}
    probe = [sys.executable, "-c", "import generator; print(generator.__file__)"]
    used = subprocess.run(probe, env=env, cwd=code, check=True, capture_output=True, text=True)
    if not used.stdout.strip().startswith(str(code)):
        raise SystemExit(f"the generator of {code} is not the one imported: {used.stdout}")
    command = [sys.executable, "-m", "generator", "build", "--root", str(root)]
    command += ["--site-dir", str(site), "--today", TODAY]
    subprocess.run(command, env=env, cwd=code, check=True, capture_output=True)


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def compare(left: Path, right: Path) -> list[str]:
    """Every difference between two site trees, one line each."""
    a, b = files(left), files(right)
    out = [f"only in the ref: {p}" for p in sorted(a - b)]
    out += [f"only in the work tree: {p}" for p in sorted(b - a)]
    for path in sorted(a & b):
        if not filecmp.cmp(left / path, right / path, shallow=False):
            out.append(f"differs: {path}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("ref", help="the git ref to compare the work tree with, e.g. main")
    parser.add_argument(
        "--sessions", type=int, default=0, help="a synthetic root of N sessions (bench.py)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handover-compare-") as tmp:
        work = Path(tmp)
        root = REPO
        if args.sessions:
            root = work / "root"
            write_root(root, args.sessions)
        code = checkout(args.ref, work / "ref")
        build(code, root, work / "site-ref")
        build(REPO, root, work / "site-tree")
        diffs = compare(work / "site-ref", work / "site-tree")
        what = f"{args.sessions} sessions" if args.sessions else "the example root"
        count = len(files(work / "site-tree"))
        if diffs:
            print("\n".join(diffs))
            print(f"{what}: {len(diffs)} differences between {args.ref} and the work tree")
            raise SystemExit(1)
        print(f"{what}: {count} files, identical between {args.ref} and the work tree")


if __name__ == "__main__":
    main()
