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
