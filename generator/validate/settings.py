"""handover's own settings in the site configuration: ``extra.handover`` in mkdocs.yml.

MkDocs hands ``extra`` to the theme untouched, so settings there trouble no engine,
even in strict mode. Like content, a misspelt setting is an error at its line.

```yaml
extra:
  handover:
    personal_data_allowlist:   # published on purpose: no personal-data warning
      - events@example.com
      - +44 20 7946 0000
    review_days: 180           # a playbook reviewed longer ago is flagged (policies.py)
    time_box_minutes: 15       # each team's time in a session's agenda
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Collector, did_you_mean
from generator.editor.settings import EditorSettings, read_editor
from generator.policies import Policies
from generator.validate.privacy import allow_key

ALLOWLIST = "personal_data_allowlist"
# The policies a team may set: name -> what it is, for messages.
POLICIES = {"review_days": "days", "time_box_minutes": "minutes"}
KNOWN = (ALLOWLIST, "editor", *POLICIES)


@dataclass(frozen=True)
class Settings:
    personal_data_allowlist: frozenset[str] = field(default_factory=frozenset)
    policies: Policies = field(default_factory=Policies)
    editor: EditorSettings = field(default_factory=EditorSettings)  # the browser editor


def _at(parent: Any, key: Any, *, of_key: bool = False) -> tuple[int, int]:
    """1-based line and column of a value (or key) in a ruamel.yaml mapping or list."""
    lc: Any = getattr(parent, "lc", None)
    try:
        if isinstance(parent, list):
            line, col = lc.item(key)
        else:
            line, col = lc.key(key) if of_key else lc.value(key)
    except (AttributeError, KeyError, IndexError, TypeError):
        return 1, 1
    return line + 1, col + 1


def read_settings(config: Mapping[str, Any] | None, name: str, diags: Collector) -> Settings:
    """The settings under ``extra.handover`` of the configuration read from ``name``;
    problems are errors at their line, and leave the defaults in place."""
    extra = config.get("extra") if config is not None else None
    if not isinstance(extra, Mapping) or "handover" not in extra:
        return Settings()
    ours = extra["handover"]
    if not isinstance(ours, Mapping):
        line, col = _at(extra, "handover")
        diags.error(name, line, col, "'handover' in extra must be a mapping of settings")
        return Settings()
    for key in ours:
        if key not in KNOWN:
            line, col = _at(ours, key, of_key=True)
            hint = did_you_mean(str(key), KNOWN)
            diags.error(name, line, col, f"unknown setting '{key}' in extra.handover{hint}")
    return Settings(
        _allowlist(ours, name, diags),
        _policies(ours, name, diags),
        read_editor(ours, name, diags),
    )


def _policies(ours: Mapping[str, Any], name: str, diags: Collector) -> Policies:
    """The policies set in ``ours``; a value that is not a whole number of at least 1 is
    an error at its line, and the default stays."""
    values: dict[str, int] = {}
    for key, unit in POLICIES.items():
        value = ours.get(key)
        if value is None:
            continue
        if type(value) is int and value >= 1:
            values[key] = value
            continue
        line, col = _at(ours, key)
        diags.error(
            name, line, col, f"'{key}' must be a whole number of {unit}, 1 or more: got {value!r}"
        )
    return Policies(**values)


def _allowlist(ours: Mapping[str, Any], name: str, diags: Collector) -> frozenset[str]:
    entries = ours.get(ALLOWLIST)
    if entries is None:
        return frozenset()
    if not isinstance(entries, list):
        line, col = _at(ours, ALLOWLIST)
        diags.error(
            name,
            line,
            col,
            f"'{ALLOWLIST}' must be a list of email addresses and phone numbers: got {entries!r}",
        )
        return frozenset()
    keys = set()
    for i, entry in enumerate(entries):
        if isinstance(entry, str | int) and not isinstance(entry, bool) and str(entry).strip():
            keys.add(allow_key(str(entry)))
            continue
        line, col = _at(entries, i)
        diags.error(
            name,
            line,
            col,
            f"item {i + 1} of '{ALLOWLIST}' must be an email address or a phone number "
            f"as text: got {entry!r}",
        )
    return frozenset(keys)
