"""Two processes on localhost train to the weights of one process."""

import json
import socket

import numpy as np
import pytest

import kerasish as keras
from kerasish.distribution import initialize
from tests.distribution import process_checks
from tests.distribution.conftest import last_json, run_module


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_two_processes_match_one_process():
    port = str(_free_port())
    procs = [
        run_module("tests.distribution.process_checks", str(i), port, devices=2)
        for i in range(2)
    ]
    try:
        results = [last_json(proc) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    keras.utils.set_random_seed(7)
    model = process_checks.make_model()
    reference = process_checks.fit(model, process_checks.reference_data())
    for result in results:
        assert result["num_processes"] == 2
        assert len(result["devices"]) == 4
        for key, values in reference["history"].items():
            np.testing.assert_allclose(result["history"][key], values, rtol=1e-5)
        for a, b in zip(reference["weights"], result["weights"], strict=True):
            np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)
    assert json.dumps(results[0]) == json.dumps(results[1])


def test_initialize_checks_job_addresses():
    with pytest.raises(ValueError, match="has 2 jobs, but num_processes is 3"):
        initialize("10.0.0.1:1234,10.0.0.2:2345", num_processes=3, process_id=0)
