"""The export builds with every engine that reads mkdocs.yml: MkDocs 1.6.1, ProperDocs and
Zensical, each in its own environment (tests/engine_venvs.py), with the pages and files
that MkDocs builds; and the MkDocs build is valid HTML, like the handover build."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.engine.export import export_tree
from generator.pipeline import Result
from tests import engine_venvs
from tests.nu_checker import PAGES, errors

# What each engine runs, given its bin folder, the exported tree and where to build.
COMMANDS = {
    "mkdocs": lambda bin, tree, out: [bin / "mkdocs", "build", "--strict", "-d", out],
    "properdocs": lambda bin, tree, out: [bin / "properdocs", "build", "--strict", "-d", out],
    # Zensical has no --site-dir: it builds into the site_dir of mkdocs.yml ("site").
    "zensical": lambda bin, tree, out: [bin / "zensical", "build", "--strict"],
}


def _build(engine: str, bin: Path, export: Path, work: Path) -> Path:
    """Build a copy of the exported tree with ``engine``; the folder it built."""
    tree = work / engine
    shutil.copytree(export, tree)
    out = tree / "site" if engine == "zensical" else work / f"{engine}-site"
    command = [str(part) for part in COMMANDS[engine](bin, tree, out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [*command, "-f", str(tree / "mkdocs.yml")],
        cwd=tree,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, f"{engine} failed:\n{run.stdout}\n{run.stderr}"
    return out


@pytest.fixture(scope="module")
def sites(example_result: Result, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example export, built by each engine."""
    bins = engine_venvs.ensure()
    work = tmp_path_factory.mktemp("engines")
    export_tree(example_result, work / "export")
    return {engine: _build(engine, bins[engine], work / "export", work) for engine in COMMANDS}


def _expected(site: Path) -> set[str]:
    """Every page, and every file of api/ and calendar/, of a site."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {f for f in files if f.endswith(".html") or f.startswith(("api/", "calendar/"))}


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_page_and_file_of_the_mkdocs_build_is_built(
    sites: dict[str, Path], engine: str
) -> None:
    expected = _expected(sites["mkdocs"])
    assert {"index.html", "api/actions.json", "calendar/actions.ics"} <= expected
    assert len([f for f in expected if f.endswith(".html")]) >= len(PAGES)
    built = {p.relative_to(sites[engine]).as_posix() for p in sites[engine].rglob("*")}
    assert sorted(expected - built) == []
    session = sites[engine] / PAGES["session"]
    assert "Week 47 handover" in session.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_exported_tree_builds_valid_html_with_plain_mkdocs(sites: dict[str, Path]) -> None:
    found = errors([sites["mkdocs"] / page for page in PAGES.values()])
    assert {page.relative_to(sites["mkdocs"]).as_posix(): e for page, e in found.items() if e} == {}
