"""The Python quick-start in python/README.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def test_readme_quick_start_runs(root: Path) -> None:
    pytest.importorskip("pyarrow")  # the quick-start converts to pandas
    text = (root / "python" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "no python block in python/README.md"
    for block in blocks:
        exec(compile(block, "python/README.md", "exec"), {})


def test_readme_count_examples_name_the_columns_returned(root: Path) -> None:
    # `cs.count(...)  # year, conflicts` in README.md: the comment lists the frame's columns.
    import conflictstats as cs

    text = (root / "README.md").read_text(encoding="utf-8")
    found = re.findall(
        r"^(cs\.count\(.*?\))\s+#\s*(?:polars DataFrame:\s*)?([a-z_]+(?:, [a-z_]+)*)",
        text,
        flags=re.MULTILINE,
    )
    assert len(found) >= 2, found
    for call, columns in found:
        df = eval(call, {"cs": cs})
        assert df.columns == columns.split(", "), call
