"""Read back what Pagefind indexed: each fragment of ``site/pagefind/fragment/`` is
gzipped JSON (after a ``pagefind_dcd`` signature) describing one page: its
url, its indexed text (``content``), its title (``meta``), filters and anchors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def indexed(site: Path, bundle: str = "pagefind") -> dict[str, dict[str, Any]]:
    """URL (from the site root, e.g. ``/people/ana/``) -> that page's fragment, in the
    index ``bundle`` of ``site``."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((site / bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE) :])
        out[fragment["url"]] = fragment
    return out
