"""handover: Marketing-to-Sales handover records in git, rendered as a searchable site."""

from __future__ import annotations

__version__ = "0.1.0"
