"""The cheap depth bound that lets the loader skip its event pass must never undercount."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.loader import MAX_DEPTH, _depth_bound, _LoadError, parse_yaml

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=40,
)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(trees, st.sampled_from([None, False, True]), st.sampled_from([2, 4]))
def test_the_bound_is_never_below_the_real_depth(
    value: Any, flow: bool | None, indent: int
) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent)
    assert _depth_bound(text) >= depth(value)


def test_sequences_in_sequences_on_one_line_count() -> None:
    text = "- " * 40 + "x\n"
    assert _depth_bound(text) >= 40


def test_a_deep_file_beyond_the_bound_is_still_refused() -> None:
    text = (
        "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "x"
    )
    assert _depth_bound(text) > MAX_DEPTH
    with pytest.raises(_LoadError, match="levels deep"):
        parse_yaml(text)
