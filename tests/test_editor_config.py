"""The editor's generated configuration for the example content, its settings, its
vendored files, and the canonical layout its writer (format.js) produces."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML

from generator.authoring.draft import draft_session
from generator.authoring.scaffold import session_text
from generator.diagnostics import Collector
from generator.editor.layout import layouts
from generator.editor.page import VENDOR, policy
from generator.editor.settings import EditorSettings, LocalProxy, read_editor
from generator.pipeline import Result

REPO = Path(__file__).resolve().parent.parent
FORMAT = REPO / "generator" / "editor" / "assets" / "format.js"


@pytest.fixture(scope="module")
def config(example_result: Result) -> dict[str, Any]:
    text = example_result.pages["admin/config.yml"]
    assert isinstance(text, str)
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _fields(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in collection["fields"]}


def _sessions(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return _fields(next(c for c in config["collections"] if c["name"] == "sessions"))


def test_every_built_site_has_the_editor(example_result: Result) -> None:
    pages = example_result.pages
    for name in ("index.html", "config.yml", "decap-cms.js", "format.js", "layout.js"):
        assert f"admin/{name}" in pages
    page = str(pages["admin/index.html"])
    assert 'http-equiv="Content-Security-Policy" data-handover-csp="editor"' in page
    assert "not connected to a git host yet" in page  # no editor settings, no local proxy


def test_people_are_offered_by_name_and_stored_by_id(config: dict[str, Any]) -> None:
    fields = _sessions(config)
    options = fields["attendees"]["options"]
    assert {"label": "Carla Mendes", "value": "carla"} in options
    assert {"label": "Elif Yildiz (inactive)", "value": "elif"} in options
    assert fields["attendees"]["multiple"] is True
    raci = _fields(fields["raci"])
    assert "multiple" not in raci["A"] and raci["A"]["required"] is True  # one accountable
    assert {"label": "Sales (team)", "value": "sales"} in raci["R"]["options"]
    actions = _fields(fields["actions"])
    assert actions["owner"]["required"] and actions["due"]["required"]
    assert actions["due"]["widget"] == "datetime" and actions["due"]["time_format"] is False
    assert actions["id"]["pattern"][0] == "^[a-z0-9][a-z0-9-]*$"
    assert "lowercase letters" in actions["id"]["pattern"][1]


def test_open_actions_are_offered_for_follow_up(config: dict[str, Any]) -> None:
    follow_up = _fields(_sessions(config)["follow_up"])
    labels = {o["value"]: o["label"] for o in follow_up["action"]["options"]}
    assert labels["2026-11-09-expo-debrief/a2"] == (
        "2026-11-09-expo-debrief/a2: Build a nurture track for the outer-ring Expo leads "
        "(Carla Mendes, due 20 Nov)"
    )
    assert "2026-11-09-expo-debrief/a1" not in labels  # done by 2026-11-16
    assert set(labels) == {
        "2026-09-28-weekly/a5",
        "2026-11-02-weekly/a3",
        "2026-11-09-expo-debrief/a2",
        "2026-11-16-weekly/a1",
        "2026-11-16-weekly/a2",
        "2026-11-16-weekly/a3",
        "2026-11-16-weekly/a4",
    }


def test_a_new_session_starts_with_the_scaffolds_defaults(config: dict[str, Any]) -> None:
    fields = _sessions(config)
    assert fields["date"]["default"] == "2026-11-23"
    assert fields["title"]["default"] == "Week 48 handover"
    assert fields["facilitators"]["default"] == ["ana", "ben"]
    assert fields["minute_taker"]["default"] == "carla"  # after ben in the rotation
    assert fields["attendees"]["default"] == ["ana", "ben", "carla", "dev", "gus", "hana", "ivo"]
    assert fields["follow_up"]["default"][2] == {
        "action": "2026-11-09-expo-debrief/a2",
        "status": "in-progress",
    }
    assert fields["actions"]["default"] == []


def test_collections_follow_the_contract(config: dict[str, Any]) -> None:
    assert config["publish_mode"] == "editorial_workflow"
    sessions, playbooks, shared = config["collections"]
    assert (sessions["folder"], sessions["path"]) == ("sessions", "{{year}}/{{date}}-{{slug}}")
    assert (playbooks["folder"], playbooks["extension"]) == ("playbooks", "md")
    assert _fields(playbooks)["body"]["widget"] == "markdown"
    assert _sessions(config)["notes"]["widget"] == "markdown"
    files = [f["file"] for f in shared["files"]]
    assert files == [f"content/{n}.yaml" for n in ("team", "mql", "funnel", "glossary")]


def _read(text: str) -> Any:
    return YAML().load(text)


def test_editor_settings_are_checked_at_their_line() -> None:
    text = "extra:\n  handover:\n    editor:\n      backend: bitbucket\n      repo: nope\n      brnach: main\n"
    diags = Collector()
    read_editor(_read(text)["extra"]["handover"], "mkdocs.yml", diags)
    messages = [(d.line, d.message) for d in diags.sorted()]
    assert messages[0][0] == 4 and "not one of github, gitlab, gitea" in messages[0][1]
    assert messages[1][0] == 5 and "owner/name" in messages[1][1]
    assert messages[2][0] == 6 and "did you mean 'branch'" in messages[2][1]


def test_gitea_needs_its_api_root() -> None:
    diags = Collector()
    read_editor(_read("editor:\n  backend: gitea\n  repo: a/b\n"), "mkdocs.yml", diags)
    assert [(d.line, d.message) for d in diags.sorted()] == [
        (2, "the editor's gitea backend needs api_root: https://<your gitea>/api/v1")
    ]


def test_github_settings_reach_the_backend_and_the_policy() -> None:
    text = (
        "editor:\n  backend: github\n  repo: acme/handover\n  base_url: https://auth.acme.example\n"
    )
    diags = Collector()
    settings = read_editor(_read(text), "mkdocs.yml", diags)
    assert diags.sorted() == []
    backend = settings.backend(None)
    assert backend == {
        "name": "github",
        "repo": "acme/handover",
        "base_url": "https://auth.acme.example",
        "branch": "main",
    }
    csp = policy(settings, None)
    assert "connect-src 'self' blob: https://api.github.com https://auth.acme.example;" in csp
    assert "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval';" in csp
    local = policy(EditorSettings(), LocalProxy("http://127.0.0.1:8082/api/v1", "main"))
    assert "connect-src 'self' blob: http://127.0.0.1:8082;" in local


def test_the_vendored_editor_matches_its_checksums() -> None:
    for line in (VENDOR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert "decap-cms 3.16.3" in (VENDOR / "VERSIONS").read_text()


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        from tests.test_browser import unavailable

        unavailable("Node.js is not installed")
    assert node is not None
    return node


ROUND_TRIP = """
const fs = require('fs');
const yaml = require(process.argv[2]);
const F = require(process.argv[3]);
const layouts = JSON.parse(fs.readFileSync(0, 'utf8'));
const files = JSON.parse(process.argv[4]);
const front = (kind, text) =>
  layouts[kind].frontmatter ? /^---\\n([\\s\\S]*?\\n)---\\n/.exec(text)[1] : text;
const out = {};
for (const [kind, path] of files) {  // written fresh, before any file was read
  const text = front(kind, fs.readFileSync(path, 'utf8'));
  out[path] = {text: text, fresh: F.write(F.parse(text, yaml), layouts[kind])};
}
for (const [kind, path] of files) {  // the editor reads every file to list them
  const text = out[path].text;
  F.remember(text, F.parse(text, yaml), layouts[kind]);
}
for (const [kind, path] of files) {  // then one is edited: its title, as the form gives it
  const data = F.parse(out[path].text, yaml);
  if (data.title) data.title += ' (edited)';
  for (const key of layouts[kind].order) if (!(key in data) && key !== 'title') data[key] = [];
  out[path].kept = F.write(data, layouts[kind]);
}
console.log(JSON.stringify(out));
"""


def test_the_writer_reproduces_every_example_file(tmp_path: Path, example_result: Result) -> None:
    """Canonical layout: the example content is written exactly as the writer writes it
    (comments aside), and a file read first keeps its comments and untouched lines."""
    files = [("session", str(p)) for p in sorted((REPO / "sessions").rglob("*.yaml"))]
    files += [("playbook", str(p)) for p in sorted((REPO / "playbooks").glob("*.md"))]
    files += [
        (k, str(REPO / "content" / f"{k}.yaml")) for k in ("team", "mql", "funnel", "glossary")
    ]
    scaffold = tmp_path / "2026-11-30-handover.yaml"  # comments and empty sections
    draft = draft_session(example_result.content, dt.date(2026, 11, 30))
    assert draft is not None
    scaffold.write_text(session_text(draft))
    files.append(("session", str(scaffold)))
    script = tmp_path / "round_trip.js"
    script.write_text(ROUND_TRIP)
    done = subprocess.run(
        [_node(), str(script), str(VENDOR / "js-yaml.min.js"), str(FORMAT), json.dumps(files)],
        input=json.dumps(layouts()),
        capture_output=True,
        text=True,
        check=True,
    )
    for path, result in json.loads(done.stdout).items():
        text = result["text"]

        def lines(text: str) -> list[str]:  # blank lines and comments aside
            return [line for line in text.splitlines() if line.strip() and line[0] != "#"]

        if path != str(scaffold):
            assert lines(result["fresh"]) == lines(text), path
        assert result["fresh"].count("\n") - len(lines(result["fresh"])) <= text.count("\n\n")
        if "\ntitle: " not in "\n" + text:
            assert result["kept"] == text, path
            continue
        changed = [
            (a, b)
            for a, b in zip(text.splitlines(), result["kept"].splitlines(), strict=True)
            if a != b
        ]
        assert len(changed) == 1 and changed[0][1].endswith(" (edited)"), path


def test_serve_edit_says_what_to_install_without_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from generator.cli import main
    from generator.editor import proxy

    monkeypatch.setattr(proxy.shutil, "which", lambda name: None)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "content").mkdir()
    result = CliRunner().invoke(main, ["serve", "--edit", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "needs Node.js (18 or later) and npm" in result.output
    assert "apt-get install nodejs npm" in result.output
