"""A build that fails or is interrupted leaves the previous site as it was, and leaves
nothing behind; two builds of the same content are byte-identical wherever, whenever
and in whatever locale they run.

A broken root, warnings under --strict, and refused site directories: the build tests
in test_cli_check.py.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.engine import tree
from tests.pagefind_index import indexed
from tests.test_cli_check import invoke, no_crash, snapshot, valid_root, write

TODAY = "2026-11-23"
HOOK = """\
import os, pathlib, time

def {event}(*args, **kwargs):
    if {fail!r}:
        raise RuntimeError("the hook broke")
    pathlib.Path({ready!r}).write_text(str(os.getpid()))
    time.sleep(120)
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return valid_root(tmp_path / "root")


def previous_site(parent: Path) -> Path:
    """A site as an earlier build left it, marker included."""
    site = parent / "site"
    write(site, ".handover-site", "Written by `handover build`\n")
    write(site, "index.html", "<h1>The site as it was</h1>\n")
    write(site, "sessions/2026/index.html", b"\x00\x01 binary-ish \xff")
    return site


def with_hook(root: Path, tmp_path: Path, event: str, *, fail: bool = False) -> Path:
    """A MkDocs hook in the root's mkdocs.yml that fails, or says it is running and waits."""
    ready = tmp_path / "hook-running"
    hook = write(
        tmp_path,
        "hooks/hold.py",
        HOOK.format(event=event, fail=fail, ready=str(ready)),
    )
    write(root, "mkdocs.yml", f"site_name: Handover\nhooks:\n  - {hook}\n")
    return ready


def build_command(root: Path, site: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--root",
        str(root),
        "--site-dir",
        str(site),
    ]


def wait_for(path: Path, process: subprocess.Popen[str], seconds: float = 90) -> None:
    end = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < end, "the build never reached the hook"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("event", "signum"),
    [
        pytest.param("on_page_markdown", signal.SIGINT, id="ctrl-c-while-mkdocs-renders"),
        pytest.param("on_post_build", signal.SIGINT, id="ctrl-c-when-the-new-site-is-complete"),
        pytest.param("on_post_build", signal.SIGTERM, id="sigterm-when-the-new-site-is-complete"),
    ],
)
def test_a_build_stopped_by_a_signal_leaves_the_previous_site_and_no_leftovers(
    root: Path, tmp_path: Path, event: str, signum: int
) -> None:
    site = previous_site(tmp_path / "out")
    before, neighbours = snapshot(site), sorted(os.listdir(site.parent))
    ready = with_hook(root, tmp_path, event)
    process = subprocess.Popen(
        [*build_command(root, site), "--today", TODAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A job started in the background by a script inherits SIGINT as ignored, and so
        # would the build: give it Ctrl-C's default, as a terminal would.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        wait_for(ready, process)
        process.send_signal(signum)  # SIGINT is what Ctrl-C sends
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err, err
    assert "Build interrupted" in err and "left as it was" in err, err
    assert snapshot(site) == before
    assert sorted(os.listdir(site.parent)) == neighbours  # no staging directory left


@pytest.mark.slow
def test_a_build_that_breaks_in_mkdocs_leaves_the_previous_site(root: Path, tmp_path: Path) -> None:
    site = previous_site(tmp_path / "out")
    before, neighbours = snapshot(site), sorted(os.listdir(site.parent))
    with_hook(root, tmp_path, "on_post_build", fail=True)
    result = invoke("build", "--root", str(root), "--site-dir", str(site), "--today", TODAY)
    no_crash(result)
    assert result.exit_code == 1, result.output
    assert "Build failed: RuntimeError: the hook broke" in result.output, result.output
    assert snapshot(site) == before
    assert sorted(os.listdir(site.parent)) == neighbours


def interrupt_on_call(monkeypatch: pytest.MonkeyPatch, n: int, error: BaseException) -> None:
    """Make the n-th os.replace of the tree module raise ``error`` instead (the build
    cache, which also renames its entries into place, is off: its calls would count)."""
    monkeypatch.setenv("HANDOVER_CACHE", "off")
    calls = []
    real = os.replace

    def replace(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == n:
            raise error
        real(src, dst)  # type: ignore[call-overload]

    monkeypatch.setattr(tree.os, "replace", replace)


@pytest.mark.slow
@pytest.mark.parametrize("n", [1, 2], ids=["moving-the-old-site-away", "moving-the-new-site-in"])
@pytest.mark.parametrize(
    "error",
    [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")],
    ids=["ctrl-c", "disk-full"],
)
def test_a_swap_that_stops_half_way_puts_the_previous_site_back(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int, error: BaseException
) -> None:
    site = previous_site(tmp_path / "out")
    before, neighbours = snapshot(site), sorted(os.listdir(site.parent))
    interrupt_on_call(monkeypatch, n, error)
    result = invoke("build", "--root", str(root), "--site-dir", str(site), "--today", TODAY)
    no_crash(result)
    assert result.exit_code in (1, 130), result.output
    assert "left as it was" in result.output, result.output
    assert snapshot(site) == before
    assert sorted(os.listdir(site.parent)) == neighbours


@pytest.mark.parametrize("n", [1, 2])
def test_an_export_that_stops_half_way_puts_the_previous_export_back(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    out = tmp_path / "export"
    first = invoke("export", "--root", str(root), "--out", str(out), "--today", TODAY)
    assert first.exit_code == 0, first.output
    before, neighbours = snapshot(out), sorted(os.listdir(tmp_path))
    write(root, "content/why.md", "# Why\n\nA new page.\n")
    interrupt_on_call(monkeypatch, n, KeyboardInterrupt())
    result = invoke("export", "--root", str(root), "--out", str(out), "--today", TODAY)
    no_crash(result)
    assert result.exit_code == 130, result.output
    assert "Export interrupted" in result.output, result.output
    assert snapshot(out) == before
    assert sorted(os.listdir(tmp_path)) == neighbours


# --- reproducible: the same content, the same --today and SOURCE_DATE_EPOCH, the same bytes ---


def german_locale(tmp_path: Path) -> dict[str, str]:
    """A locale unlike C.UTF-8 (German month and day names, decimal comma), compiled into
    tmp_path when localedef and its sources are there; else POSIX, the other one always
    installed."""
    folder = tmp_path / "locales"
    try:
        made = subprocess.run(
            ["localedef", "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        made = None
    if made is not None and made.returncode in (0, 1) and (folder / "de_DE.UTF-8").exists():
        return {"LOCPATH": str(folder), "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"}
    return {"LC_ALL": "POSIX", "LANG": "POSIX"}


def build_copy(example: Path, where: Path, env: dict[str, str]) -> Path:
    """Copy the example root to ``where``, build it there in a child process, return site/."""
    import shutil

    for name in ("content", "playbooks", "sessions", "mkdocs.yml"):
        copy = shutil.copytree if (example / name).is_dir() else shutil.copy
        copy(example / name, where / name)
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", ".", "--today", TODAY],
        cwd=where,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000", **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return where / "site"


@pytest.mark.slow
def test_two_builds_anywhere_in_any_time_zone_and_locale_are_byte_identical(
    tmp_path: Path, example_root: Path
) -> None:
    first = build_copy(
        example_root,
        tmp_path / "a",
        {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "1"},
    )
    second = build_copy(
        example_root,
        tmp_path / "somewhere" / "much" / "deeper",
        {"TZ": "Pacific/Auckland", "PYTHONHASHSEED": "2", **german_locale(tmp_path)},
    )
    one, other = snapshot(first), snapshot(second)
    assert {"sitemap.xml.gz", "pagefind/pagefind-entry.json", "feed.xml"} <= set(one)
    # Pagefind writes the values of each search filter in no fixed order (and names its
    # pieces by their hash): the search index is compared by what it holds.
    index = [name for name in one if name.startswith("pagefind/")]
    assert indexed(first) == indexed(second)
    one = {name: data for name, data in one.items() if name not in index}
    other = {name: data for name, data in other.items() if not name.startswith("pagefind/")}
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []


def test_a_folder_being_removed_is_gone_when_the_work_beside_it_ends(tmp_path: Path) -> None:
    """A build removes its staging docs tree while Pagefind indexes (tree.removing): the
    work inside goes on at once, and the folder is gone, whole, when it ends."""
    docs = tmp_path / "docs"
    for n in range(300):
        (docs / f"d{n % 7}").mkdir(parents=True, exist_ok=True)
        (docs / f"d{n % 7}" / f"{n}.md").write_text("x")
    kept = tmp_path / "site" / "kept.xlsx"
    kept.parent.mkdir()
    os.link(docs / "d0" / "0.md", kept)  # a static file of the site, linked from the tree
    with tree.removing(docs):
        assert kept.read_text() == "x"
    assert not docs.exists()
    assert kept.read_text() == "x"
