"""Benchmark: build time, memory and size of synthetic sites of 200-2,000 sessions.

Usage:
    python benchmarks/bench.py                       # 200, 1000, 2000 sessions + naive baseline
    python benchmarks/bench.py --sizes 200 --no-baseline

For each size it generates a deterministic content root (sessions with actions, RACI,
plans and follow-ups; 50 playbooks; 40 people), then measures, each in a fresh process:
loading and checking (`handover check`), the generator stage (`handover export`) cold
and warm (again, with the build cache the cold run filled), the end-to-end
`handover build` (with --no-cache, as a first run), the same build with the cache filled
(as a pull request's build in CI, whose workflow restores the cache), and, as the
baseline, plain Material building the same pages with a naive navigation (every page in
the nav, no pruning). It prints a Markdown
table, then each target of the issue "Speed at a decade's scale" with what was measured
and whether it is met. Wall seconds depend on what else the machine runs; CPU seconds
(user + system of the command and the processes it waited for) are printed beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

TODAY = "2026-11-23"
PEOPLE = 40
PLAYBOOKS = 50
CHANNELS = ["events", "webinar", "paid-search", "referral", "content", "social"]


def _person(i: int) -> str:
    return f"p{i:02d}"


def write_root(root: Path, sessions: int, seed: int = 7) -> None:
    """A deterministic synthetic content root."""
    rng = random.Random(seed)
    (root / "content").mkdir(parents=True)
    people = [
        {"id": _person(i), "name": f"Person {i:02d}", "team": "marketing" if i % 2 else "sales"}
        for i in range(PEOPLE)
    ]
    team = {
        "teams": [
            {"id": "marketing", "name": "Marketing", "lead": _person(1)},
            {"id": "sales", "name": "Sales", "lead": _person(0)},
        ],
        "people": people,
        "rotation": [_person(i) for i in range(6)],
    }
    _dump(root / "content/team.yaml", team)
    _dump(
        root / "content/glossary.yaml",
        {"terms": [{"term": "MQL", "means": "Marketing Qualified Lead."}]},
    )
    (root / "playbooks").mkdir()
    for i in range(PLAYBOOKS):
        front = {
            "name": f"Playbook {i:02d}",
            "client": f"Client {i:02d}",
            "owner": _person(i % PEOPLE),
            "reviewed": "2026-09-01",
        }
        body = "## Situation\n\n" + " ".join(f"word{rng.randint(0, 999)}" for _ in range(150))
        text = "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body + "\n"
        (root / f"playbooks/pb{i:02d}.md").write_text(text)
    start = dt.date(2026, 11, 16) - dt.timedelta(days=(sessions // 2) * 7)
    previous: str | None = None
    for n in range(sessions):
        day = start + dt.timedelta(days=(n // 2) * 7 + (3 if n % 2 else 0))
        sid = f"{day.isoformat()}-s"
        data = _session(rng, day, previous)
        path = root / f"sessions/{day.year}/{sid}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        _dump(path, data)
        previous = sid


def _session(rng: random.Random, day: dt.date, previous: str | None) -> dict[str, object]:
    attendees = sorted(
        {_person(rng.randrange(PEOPLE)) for _ in range(6)} | {_person(0), _person(1)}
    )
    return {
        "date": day.isoformat(),
        "title": f"Handover {day.isoformat()}",
        "facilitators": [_person(0), _person(1)],
        "minute_taker": _person(1),
        "attendees": attendees,
        "context": [{"kind": "market", "note": "A busy week in the sector."}],
        "leads": [
            {
                "source": f"Source {k}",
                "channel": CHANNELS[rng.randrange(len(CHANNELS))],
                "count": rng.randint(1, 40),
                "ring": ["core", "middle", "outer"][k % 3],
                "playbook": f"pb{rng.randrange(PLAYBOOKS):02d}",
            }
            for k in range(4)
        ],
        "actions": [
            {
                "id": f"a{k}",
                "what": f"Action {k} of the week",
                "team": "marketing" if k % 2 else "sales",
                "owner": _person(rng.randrange(PEOPLE)),
                "due": (day + dt.timedelta(days=4 + k)).isoformat(),
            }
            for k in range(1, 5)
        ],
        "raci": [
            {"activity": f"Activity {k}", "R": [_person(k)], "A": _person(0), "I": ["sales"]}
            for k in range(3)
        ],
        "plan": [
            {
                "id": "t1",
                "task": "Landing page",
                "owner": _person(2),
                "days": 3,
                "start": day.isoformat(),
            },
            {
                "id": "t2",
                "task": "Fact sheet",
                "owner": _person(3),
                "days": 2,
                "start": day.isoformat(),
            },
            {"id": "t3", "task": "Campaign", "owner": _person(4), "days": 2, "after": ["t1", "t2"]},
            {"id": "t4", "task": "Review", "owner": _person(5), "days": 1, "after": ["t3"]},
        ],
        "decisions": ["Keep the threshold."],
        "follow_up": (
            [{"action": f"{previous}/a{k}", "status": "done"} for k in (1, 2)] if previous else []
        ),
        "notes": "Short minutes with **bold** text.",
    }


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@dataclass
class Run:
    seconds: float
    peak_mib: float
    cpu_seconds: float  # user + system, of the command and the processes it waited for


def measure(cmd: list[str], cwd: Path | None = None) -> Run:
    """Wall time and peak RSS of one command in its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "true"}
    # stderr goes to a file, not a pipe: thousands of overdue-action warnings would fill
    # a pipe that nobody reads until the process ends, and both would wait for ever.
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"command failed: {' '.join(cmd)}\n{tail}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def tree_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def largest_page(site: Path) -> tuple[int, str]:
    """The size and path of the largest HTML page of the site."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(pages, default=(0, "-"))


def session_page_bytes(site: Path) -> float:
    pages = list(site.glob("sessions/*/*/index.html"))
    return sum(p.stat().st_size for p in pages) / max(len(pages), 1)


def naive_config(export: Path) -> None:
    """Every page in the nav (flat) and no navigation.prune: the baseline."""
    config = (export / "mkdocs.yml").read_text()
    config = config.split("\nnav:\n")[0] + "\n"
    config = config.replace("  - navigation.prune", "").replace("- navigation.prune", "")
    pages = sorted(
        p.relative_to(export / "docs").as_posix() for p in (export / "docs").rglob("*.md")
    )
    config += "nav:\n" + "".join(f"  - '{p}'\n" for p in pages)
    (export / "mkdocs.yml").write_text(config)


def bench(size: int, work: Path, baseline: bool, zensical: str | None) -> dict[str, str]:
    root = work / f"root-{size}"
    write_root(root, size)
    handover = [sys.executable, "-m", "generator"]
    check = measure([*handover, "check", "--root", str(root), "--today", TODAY])
    export = measure(
        [
            *handover,
            "export",
            "--root",
            str(root),
            "--out",
            str(work / f"export-{size}"),
            "--today",
            TODAY,
        ]
    )
    # The same export again, with the build cache the first one filled (render/cache.py).
    warm = measure(
        [
            *handover,
            "export",
            "--root",
            str(root),
            "--out",
            str(work / f"export-warm-{size}"),
            "--today",
            TODAY,
        ]
    )
    build = measure(
        [
            *handover,
            "build",
            "--no-cache",
            "--root",
            str(root),
            "--site-dir",
            str(work / f"site-{size}"),
            "--today",
            TODAY,
        ]
    )
    # A build with the cache the exports filled: a pull request's build in CI, where the
    # shipped workflow restores the cache of the run before.
    cached = measure(
        [
            *handover,
            "build",
            "--root",
            str(root),
            "--site-dir",
            str(work / f"site-cached-{size}"),
            "--today",
            TODAY,
        ]
    )
    site = work / f"site-{size}"
    largest, largest_path = largest_page(site)
    row = {
        "sessions": str(size),
        "check s": f"{check.seconds:.1f}",
        "check CPU s": f"{check.cpu_seconds:.1f}",
        "export s": f"{export.seconds:.1f}",
        "export CPU s": f"{export.cpu_seconds:.1f}",
        "sessions/s (export)": f"{size / export.seconds:.0f}",
        "warm export s": f"{warm.seconds:.1f}",
        "warm export CPU s": f"{warm.cpu_seconds:.1f}",
        "sessions/s (warm)": f"{size / warm.seconds:.0f}",
        "build s": f"{build.seconds:.1f}",
        "build CPU s": f"{build.cpu_seconds:.1f}",
        "cached build s": f"{cached.seconds:.1f}",
        "cached build CPU s": f"{cached.cpu_seconds:.1f}",
        "export share": f"{100 * export.seconds / build.seconds:.0f}%",
        "peak MiB": f"{build.peak_mib:.0f}",
        "site MB": f"{tree_bytes(site) / 1e6:.1f}",
        "KB/session page": f"{session_page_bytes(site) / 1e3:.1f}",
        "largest page KB": f"{largest / 1e3:.0f} ({largest_path})",
        "naive build s": "-",
        "naive CPU s": "-",
        "naive site MB": "-",
        "speed-up": "-",
        "zensical s": "-",
    }
    if baseline:
        naive = work / f"naive-{size}"
        shutil.copytree(work / f"export-{size}", naive)
        naive_config(naive)
        run = measure(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(naive / "mkdocs.yml")]
        )
        row["naive build s"] = f"{run.seconds:.1f}"
        row["naive CPU s"] = f"{run.cpu_seconds:.1f}"
        row["naive site MB"] = f"{tree_bytes(naive / 'site') / 1e6:.1f}"
        row["speed-up"] = f"{run.seconds / build.seconds:.1f}x"
    if zensical:
        other = work / f"zensical-{size}"
        shutil.copytree(work / f"export-{size}", other)
        run = measure([zensical, "build", "-f", str(other / "mkdocs.yml")])
        row["zensical s"] = f"{run.seconds:.1f}"
    return row


def table(rows: list[dict[str, str]]) -> str:
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r[h] for h in head) + " |" for r in rows]
    return "\n".join(lines)


def _num(cell: str) -> float:
    return float(cell.split()[0].rstrip("x%"))


def _target(name: str, measured: str, met: bool | None) -> dict[str, str]:
    state = "not measured" if met is None else ("met" if met else "missed")
    return {"target": name, "measured": measured, "state": state}


def _at(rows: list[dict[str, str]], size: int) -> dict[str, str] | None:
    return next((r for r in rows if r["sessions"] == str(size)), None)


def _doubling(rows: list[dict[str, str]], column: str) -> list[tuple[str, float]]:
    """The ratio of ``column`` between each size and its double, when both were run."""
    out = []
    for row in rows:
        twice = _at(rows, 2 * int(row["sessions"]))
        if twice is not None:
            ratio = _num(twice[column]) / max(_num(row[column]), 1e-9)
            out.append((f"{row['sessions']}->{twice['sessions']}", ratio))
    return out


def targets(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each target of the issue, as measured in this run (the largest size run stands for
    '2,000 sessions' when 2,000 was not run, and says so)."""
    big = _at(rows, 2000) or rows[-1]
    n = big["sessions"]
    out = [
        _target(
            f"{n} sessions end to end <= 30 s",
            f"{big['build s']} s (CPU {big['build CPU s']} s); with the cache filled "
            f"{big['cached build s']} s (CPU {big['cached build CPU s']} s)",
            _num(big["build s"]) <= 30,
        )
    ]
    speed = big["speed-up"]
    out.append(
        _target(
            f"{n} sessions >= 6x the naive Material build",
            f"{speed} (naive {big['naive build s']} s, CPU {big['naive CPU s']} s)",
            None if speed == "-" else _num(speed) >= 6,
        )
    )
    small = _at(rows, 200)
    out.append(
        _target(
            "200 sessions end to end <= 5 s",
            f"{small['build s']} s (CPU {small['build CPU s']} s); with the cache filled "
            f"{small['cached build s']} s"
            if small
            else "-",
            _num(small["build s"]) <= 5 if small else None,
        )
    )
    out.append(
        _target(
            "generator >= 800 sessions/s",
            f"{big['sessions/s (export)']} sessions/s cold, {big['sessions/s (warm)']} warm ({n})",
            _num(big["sessions/s (export)"]) >= 800,
        )
    )
    out.append(
        _target(
            "generator <= 10% of the build",
            f"{big['export share']} ({n})",
            _num(big["export share"]) <= 10,
        )
    )
    out.append(
        _target(
            f"no HTML page over 500 KB ({n})",
            f"{big['largest page KB']} KB",
            _num(big["largest page KB"]) <= 500,
        )
    )
    out.append(
        _target(
            "session pages <= 40 KB",
            f"{big['KB/session page']} KB",
            _num(big["KB/session page"]) <= 40,
        )
    )
    peak = max(_num(r["peak MiB"]) for r in rows)
    out.append(_target("peak memory <= 500 MiB", f"{peak:.0f} MiB", peak <= 500))
    for column, what in (
        ("build s", "time"),
        ("build CPU s", "CPU time"),
        ("site MB", "bytes"),
        ("check CPU s", "check CPU time"),
    ):
        pairs = _doubling(rows, column)
        shown = ", ".join(f"{k}: {v:.2f}x" for k, v in pairs) or "- (no size and its double)"
        out.append(
            _target(
                f"doubling the sessions costs <= 2.2x the {what}",
                shown,
                all(v <= 2.2 for _, v in pairs) if pairs else None,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000])
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the naive-navigation baseline"
    )
    parser.add_argument(
        "--keep", type=Path, help="keep the generated roots and sites in this directory"
    )
    parser.add_argument(
        "--zensical",
        default=shutil.which("zensical"),
        help="Zensical's command, to also build each export with it (default: from PATH)",
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="handover-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for size in args.sizes:
            print(f"benchmarking {size} sessions...", file=sys.stderr)
            rows.append(bench(size, work, not args.no_baseline, args.zensical))
            print(table(rows[-1:]), file=sys.stderr, flush=True)  # as it goes: runs are long
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    print(table(rows))
    print()
    print(table(targets(rows)))
    if not args.zensical:
        print("\nZensical: not installed, so not compared (`pip install zensical` adds it).")


if __name__ == "__main__":
    main()
