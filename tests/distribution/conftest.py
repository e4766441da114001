"""Runs the multi-device checks once, in a subprocess with 4 CPU devices (the
test process itself keeps its single device)."""

import json
import os
import pathlib
import subprocess
import sys
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run_module(module: str, *args: str, devices: int) -> Any:
    """Starts `python -m module args` with `devices` CPU devices."""
    env = dict(os.environ)
    env.update(
        XLA_FLAGS=f"--xla_force_host_platform_device_count={devices}",
        JAX_PLATFORMS="cpu",
        PYTHONPATH=str(ROOT),
    )
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def last_json(process: subprocess.Popen, timeout: int = 240) -> dict:
    """The JSON dict a checks module printed last (fails with its stderr)."""
    stdout, stderr = process.communicate(timeout=timeout)
    assert process.returncode == 0, stderr[-3000:]
    return json.loads(stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def four_devices() -> dict:
    """Results of `tests/distribution/device_checks.py` on 4 CPU devices."""
    return last_json(run_module("tests.distribution.device_checks", devices=4))
