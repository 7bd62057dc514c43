"""Shared fixtures: the repository, and the `dyad` binary to compare with (DYAD_BIN, else the
target folder's release or debug build)."""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


def dyad_bin():
    """The dyad binary, or None (the tests that need it say so and skip)."""
    env = os.environ.get("DYAD_BIN")
    if env:
        return env
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("release", "debug"):
        p = target / profile / "dyad"
        if p.is_file():
            return str(p)
    return shutil.which("dyad")


@pytest.fixture(scope="session")
def dyad_cli():
    b = dyad_bin()
    if b is None:
        print("SKIPPED: no dyad binary (set DYAD_BIN or build dyad-cli)", file=sys.stderr)
        pytest.skip("no dyad binary (set DYAD_BIN or build dyad-cli)")

    def run(*args, **kw):
        return subprocess.run([b, *map(str, args)], capture_output=True, text=True, check=True, **kw)

    return run


@pytest.fixture(scope="session")
def repo():
    return REPO
