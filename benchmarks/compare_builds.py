"""Build one content root with a git ref and with the work tree; diff the two sites.

Usage:
    python benchmarks/compare_builds.py main                  # the example root
    python benchmarks/compare_builds.py main --sessions 200   # bench.py's synthetic root

Each side runs `handover build` from its own copy of the code (the ref through
`git archive`, the work tree as it is) on the same root, with the same `--today` and
`SOURCE_DATE_EPOCH`, into its own temporary folder; then every file of the two sites is
compared byte by byte. Exit status 0 when the trees are identical, 1 when they differ.
A restructuring that must not change behaviour shows "identical" here.

    python benchmarks/compare_builds.py REF --html-fixes

compares the ref's pages as the HTML fixes of engine/overrides/ (the Nu HTML checker's
errors, issue 13) write them: for a ref built before those fixes.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.pagefind_index import indexed

BUNDLES = {"pagefind", "pagefind-archive"}  # the search index's folders

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


# What the HTML fixes change in a page (engine/overrides/handover-valid.html, and the
# markdown attributes that Python-Markdown used to leave in the page).
FIXES = (
    (' id="__drawer" autocomplete="off">', ' id="__drawer">'),
    (' id="__search" autocomplete="off">', ' id="__search">'),
    (' tabindex="">', ">"),
    ('<div class="ho-md" markdown="0">', '<div class="ho-md">'),
    ('<div class="ho-actions ho-progress" markdown>', '<div class="ho-actions ho-progress">'),
)
TOC_LABEL = ('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')


def fixed(html: str) -> str:
    """A page as the HTML fixes write it (a page that has them already is unchanged)."""
    for old, new in FIXES:
        html = html.replace(old, new)
    return html if 'id="__toc"' in html else html.replace(*TOC_LABEL)


def same(left: Path, right: Path, html_fixes: bool) -> bool:
    if html_fixes and left.suffix == ".html":
        return fixed(left.read_text(encoding="utf-8")).encode("utf-8") == right.read_bytes()
    return filecmp.cmp(left, right, shallow=False)


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def compare(left: Path, right: Path, html_fixes: bool = False) -> list[str]:
    """Every difference between two site trees, one line each. The search index is
    compared by what it holds for each page: Pagefind names and orders its filter and
    meta files differently from one build to the next, whatever the pages."""
    a, b = files(left) - _search_files(left), files(right) - _search_files(right)
    out = [f"only in the ref: {p}" for p in sorted(a - b)]
    out += [f"only in the work tree: {p}" for p in sorted(b - a)]
    for path in sorted(a & b):
        if not same(left / path, right / path, html_fixes):
            out.append(f"differs: {path}")
    for bundle in sorted({p.split("/")[0] for p in files(left) | files(right)} & BUNDLES):
        ours, theirs = indexed(left, bundle), indexed(right, bundle)
        for url in sorted(ours.keys() | theirs.keys()):
            if ours.get(url) != theirs.get(url):
                out.append(f"indexed differently in {bundle}/: {url}")
    return out


def _search_files(site: Path) -> set[str]:
    return {p for p in files(site) if p.split("/")[0] in BUNDLES}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("ref", help="the git ref to compare the work tree with, e.g. main")
    parser.add_argument(
        "--sessions", type=int, default=0, help="a synthetic root of N sessions (bench.py)"
    )
    parser.add_argument(
        "--html-fixes", action="store_true", help="compare the ref's pages with the HTML fixes"
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
        diffs = compare(work / "site-ref", work / "site-tree", args.html_fixes)
        what = f"{args.sessions} sessions" if args.sessions else "the example root"
        count = len(files(work / "site-tree"))
        if diffs:
            print("\n".join(diffs))
            print(f"{what}: {len(diffs)} differences between {args.ref} and the work tree")
            raise SystemExit(1)
        print(f"{what}: {count} files, identical between {args.ref} and the work tree")


if __name__ == "__main__":
    main()
