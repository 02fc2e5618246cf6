"""The editor's settings: ``extra.handover.editor`` in mkdocs.yml, checked at their line.

```yaml
extra:
  handover:
    editor:
      backend: github                 # github | gitlab | gitea
      repo: acme/handover             # owner/name on the git host
      branch: main                    # the branch pull requests go to (default main)
      base_url: https://auth.example.com   # the OAuth proxy people sign in through
      api_root: https://git.example.com/api/v1   # self-hosted GitLab or Gitea only
```

Without it the editor works only locally, through `handover serve --edit`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.diagnostics import Collector, did_you_mean

BACKENDS = ("github", "gitlab", "gitea")
KEYS = ("backend", "repo", "branch", "base_url", "auth_endpoint", "api_root", "app_id", "auth_type")
URL_KEYS = ("base_url", "api_root")
REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)+$")
API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": ""}
DEFAULT_PROXY_PORT = 8081
PROXY_ENV = "HANDOVER_EDITOR_PROXY"  # set by `handover serve --edit`: URL and branch


@dataclass(frozen=True)
class LocalProxy:
    """The local proxy (decap-server) on 127.0.0.1 that `serve --edit` started."""

    url: str
    branch: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> LocalProxy | None:
        value = environ.get(PROXY_ENV, "")
        url, _, branch = value.partition(" ")
        return cls(url, branch or "main") if url else None

    def to_env(self) -> str:
        return f"{self.url} {self.branch}"


@dataclass(frozen=True)
class EditorSettings:
    values: tuple[tuple[str, str], ...] = ()
    site_url: str = ""

    def get(self, key: str) -> str | None:
        return dict(self.values).get(key)

    def backend(self, proxy: LocalProxy | None) -> dict[str, Any]:
        """Decap's backend: the configured git host, else the local proxy."""
        name = self.get("backend")
        if name is None:
            url = proxy.url if proxy else f"http://127.0.0.1:{DEFAULT_PROXY_PORT}/api/v1"
            return {"name": "proxy", "proxy_url": url, "branch": proxy.branch if proxy else "main"}
        out: dict[str, Any] = {"name": name, **{k: v for k, v in self.values if k != "backend"}}
        out.setdefault("branch", "main")
        if proxy:
            out["branch"] = proxy.branch
        return out

    def api_origins(self) -> list[str]:
        """The origins the editor's page may connect to for the configured git host."""
        name = self.get("backend")
        if name is None:
            return []
        roots = [self.get("api_root") or API[name], self.get("base_url") or ""]
        if name == "gitlab" and not self.get("api_root"):
            roots[0] = "https://gitlab.com"
        return sorted({_origin(r) for r in roots if r})


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _at(parent: Any, key: Any) -> tuple[int, int]:
    lc: Any = getattr(parent, "lc", None)
    try:
        line, col = lc.value(key)
    except (AttributeError, KeyError, TypeError):
        return 1, 1
    return line + 1, col + 1


def read_editor(ours: Mapping[str, Any], name: str, diags: Collector) -> EditorSettings:
    """``editor`` under extra.handover: every problem an error at its line."""
    section = ours.get("editor")
    if section is None:
        return EditorSettings()
    if not isinstance(section, Mapping):
        diags.error(name, *_at(ours, "editor"), "'editor' must be a mapping: backend, repo, ...")
        return EditorSettings()
    values: dict[str, str] = {}
    for key, value in section.items():
        line, col = _at(section, key)
        if key not in KEYS:
            hint = did_you_mean(str(key), KEYS)
            diags.error(name, line, col, f"unknown setting '{key}' in extra.handover.editor{hint}")
        elif not isinstance(value, str) or not value.strip():
            diags.error(name, line, col, f"editor '{key}' must be text: got {value!r}")
        elif problem := _problem(str(key), value):
            diags.error(name, line, col, problem)
        else:
            values[str(key)] = value.strip()
    if values and "backend" not in values:
        diags.error(
            name, *_at(ours, "editor"), f"the editor needs a backend: one of {', '.join(BACKENDS)}"
        )
    elif values and "repo" not in values:
        diags.error(name, *_at(ours, "editor"), "the editor needs the repository: repo: owner/name")
    elif values.get("backend") == "gitea" and "api_root" not in values:
        diags.error(
            name,
            *_at(ours, "editor"),
            "the editor's gitea backend needs api_root: https://<your gitea>/api/v1",
        )
    return EditorSettings(tuple(values.items())) if "backend" in values else EditorSettings()


def _problem(key: str, value: str) -> str | None:
    if key == "backend" and value not in BACKENDS:
        return f"editor backend '{value}' is not one of {', '.join(BACKENDS)}"
    if key == "auth_type" and value not in ("pkce", "implicit"):
        return f"editor auth_type '{value}' is not one of pkce, implicit"
    if key == "repo" and not REPO.fullmatch(value):
        return f"editor repo '{value}' must be written owner/name, for example acme/handover"
    if key in URL_KEYS and urlsplit(value).scheme != "https":
        return f"editor {key} must be an https:// address: got '{value}'"
    return None
