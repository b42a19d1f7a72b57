"""`pip install` of the built wheel into a clean virtualenv gives a working `ikg`: the console script,
`python -m api`, and the data files (ontology, canned queries, Browser content, reference tables) that
the code reads from its installed packages rather than from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

from conftest import CORPUS, ROOT


def run(*command: str | Path, cwd: Path) -> str:
    # A neutral working folder and no PYTHONPATH: nothing may be imported from the checkout.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["COLUMNS"] = "400"  # tables unwrapped
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_the_wheel_installs_into_a_clean_venv_and_ikg_runs(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = run(
        sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps", "-w", wheels, ROOT, cwd=tmp_path
    )
    # Every folder of package data is declared: setuptools warns of none (its warnings read as failures).
    assert "BuildBackendWarning" not in built and "absent from the `packages`" not in built
    (wheel,) = wheels.glob("inspection_kg-*.whl")
    env_dir = tmp_path / "clean"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)

    assert "extract" in run(env_dir / "bin" / "ikg", "--help", cwd=tmp_path)
    assert "load" in run(python, "-m", "api", "--help", cwd=tmp_path)
    listed = run(env_dir / "bin" / "ikg", "queries", cwd=tmp_path)
    assert "themes-recurring-across-authorities" in listed
    # Extraction reads the ontology, the theme scheme and the authority table from the installed wheel.
    seed = CORPUS / "seeds" / "solihull-2011-05-18-letter.txt"
    extracted = run(env_dir / "bin" / "ikg", "extract", seed, cwd=tmp_path)
    assert '"code": "E08000029"' in extracted
    installed = run(
        python,
        "-c",
        "import api, browser.content as c; print(api.__file__, len(c.generated()))",
        cwd=tmp_path,
    )
    assert str(env_dir) in installed and str(ROOT) not in installed.split()[0]
