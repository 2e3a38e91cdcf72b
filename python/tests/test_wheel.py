"""Python without a Rust toolchain: the abi3 wheel, installed into a fresh venv whose PATH has
no cargo or rustc, runs the README's quick-starts with the extension from the wheel.

scripts/test.sh builds the wheel from the extension it has just compiled (`maturin build
--profile dev`: nothing recompiles) and names it in CONFLICTSTATS_WHEEL. The fresh venv gets
the wheel alone (`--no-deps`, `--no-index`: nothing is built or downloaded); its dependencies
(polars, matplotlib, pandas) are read from this test environment's site-packages, appended
to the venv's path after its own, so `conflictstats` and its extension can only come from
the wheel, as the test asserts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

WHEEL = os.environ.get("CONFLICTSTATS_WHEEL")

if not WHEEL:
    if os.environ.get("CI"):
        pytest.fail("CONFLICTSTATS_WHEEL is not set: scripts/test.sh builds the wheel in CI")
    pytest.skip(
        "no wheel: set CONFLICTSTATS_WHEEL (scripts/test.sh builds it)", allow_module_level=True
    )

# The quick-start blocks: the README's `## Python` section and python/README.md.
PROBE = """
import json, shutil, sys, sysconfig
import conflictstats, conflictstats._conflictstats as ext
print(json.dumps({
    "package": conflictstats.__file__,
    "extension": ext.__file__,
    "site": sysconfig.get_paths()["purelib"],
    "cargo": shutil.which("cargo"),
    "rustc": shutil.which("rustc"),
    "prefix": sys.prefix,
}))
"""


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def readme_quick_starts(root: Path) -> list[str]:
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = python_blocks(section) + python_blocks(
        (root / "python" / "README.md").read_text(encoding="utf-8")
    )
    assert len(blocks) >= 2, "no quick-start found in README.md and python/README.md"
    return blocks


def no_rust_path(venv: Path) -> str:
    """The venv's bin and the system's, without any directory holding cargo or rustc."""
    dirs = [str(venv / "bin")]
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if d and not any((Path(d) / tool).exists() for tool in ("cargo", "rustc")):
            dirs.append(d)
    return os.pathsep.join(dict.fromkeys(dirs))


def test_the_wheel_is_one_abi3_wheel_for_python_3_9_and_later() -> None:
    name = Path(WHEEL).name
    assert re.fullmatch(r"conflictstats-[0-9.]+-cp39-abi3-[a-z0-9_]+\.whl", name), name
    with zipfile.ZipFile(WHEEL) as z:
        names = z.namelist()
        meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert any(re.fullmatch(r"conflictstats/_conflictstats\.abi3\.(so|pyd)", n) for n in names)
    assert "conflictstats/_conflictstats.pyi" in names and "conflictstats/py.typed" in names
    assert "Requires-Python: >=3.9" in meta
    assert "Requires-Dist: polars>=1.30" in meta


def test_the_wheel_runs_the_quick_start_in_a_venv_without_cargo(root: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARGO", "RUSTUP", "PYO3"))}
    env.update(
        PATH=no_rust_path(venv),
        MPLBACKEND="Agg",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, env=env)
    python = venv / "bin" / "python"
    assert shutil.which("cargo", path=env["PATH"]) is None
    assert shutil.which("rustc", path=env["PATH"]) is None
    # pip from this environment installs into the venv (--python): no download, no build.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-index",
            "--no-deps",
            "--only-binary",
            ":all:",
            WHEEL,
        ],
        check=True,
        env=env,
        cwd=tmp_path,
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            env=env,
            capture_output=True,
            text=True,
            cwd=tmp_path,
        ).stdout.strip()
    )
    # The dependencies, after the venv's own site-packages on sys.path.
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    probe = subprocess.run(
        [str(python), "-c", PROBE],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    found = json.loads(probe.stdout)
    assert found["cargo"] is None and found["rustc"] is None, found
    assert Path(found["prefix"]) == venv, found
    assert Path(found["package"]).is_relative_to(site), found
    assert Path(found["extension"]).is_relative_to(site / "conflictstats"), found
    assert Path(found["extension"]).name.startswith("_conflictstats.abi3."), found

    for i, block in enumerate(readme_quick_starts(root)):
        run = subprocess.run(
            [str(python), "-c", block], env=env, capture_output=True, text=True, cwd=tmp_path
        )
        assert run.returncode == 0, f"quick-start block {i} failed:\n{block}\n{run.stderr}"
