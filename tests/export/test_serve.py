"""`examples/serve.py`: a JSON server answering like `model.predict`, robustly."""

import http.client
import importlib.util
import json
import pathlib
import threading

import numpy as np
import pytest

from tests.export.export_models import predict, sample_inputs

SERVE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "serve.py"
MAX_BODY = 32768


def _load_serve_module():
    spec = importlib.util.spec_from_file_location("serve_example", SERVE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _formats() -> list[str]:
    formats = ["stablehlo"]
    if importlib.util.find_spec("jax2onnx") and importlib.util.find_spec("onnxruntime"):
        formats.append("onnx")
    return formats


@pytest.fixture(scope="module", params=_formats())
def server(request, models, tmp_path_factory):
    """`(port, models)`: the convnet and two-input model, served on loopback."""
    serve = _load_serve_module()
    folder = tmp_path_factory.mktemp(f"serve_{request.param}")
    servers = {}
    for name in ("convnet", "two_input"):
        path = str(folder / f"{name}.{request.param}")
        models[name].export(path, format=request.param, verbose=False)
        httpd = serve.make_server(path, port=0, max_body_bytes=MAX_BODY)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers[name] = httpd
    yield {name: s.server_port for name, s in servers.items()}
    for httpd in servers.values():
        httpd.shutdown()
        httpd.server_close()


def _request(port, body, method="POST", path="/predict", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        connection.request(method, path, body=data, headers=headers or {})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_predict_matches_model_predict(server, models):
    model = models["convnet"]
    xs = sample_inputs(model, 3)
    status, body = _request(server["convnet"], {"inputs": xs[0].tolist()})
    assert status == 200
    np.testing.assert_allclose(
        body["outputs"], predict(model, xs), rtol=1e-4, atol=1e-6
    )


def test_two_inputs_by_name_and_by_position(server, models):
    model = models["two_input"]
    xs = sample_inputs(model, 2)
    expected = predict(model, xs)
    named = {"features": xs[0].tolist(), "extra": xs[1].tolist()}
    for inputs in (named, [xs[0].tolist(), xs[1].tolist()]):
        status, body = _request(server["two_input"], {"inputs": inputs})
        assert status == 200
        np.testing.assert_allclose(body["outputs"], expected, rtol=1e-4, atol=1e-6)


def test_health_describes_inputs(server):
    status, body = _request(server["two_input"], b"", method="GET", path="/health")
    assert status == 200
    assert body["inputs"][0] == {
        "name": "features",
        "shape": [None, 4],
        "dtype": "float32",
    }


@pytest.mark.parametrize(
    "body, status, message",
    [
        (b"{not json", 400, "not valid JSON"),
        ({"outputs": []}, 400, '"inputs"'),
        ({"inputs": [[1.0, 2.0]]}, 400, "incompatible shape"),
        ({"inputs": [["a", "b", "c", "d"]]}, 400, "list of numbers"),
        ({"inputs": [[1.0], [1.0, 2.0]]}, 400, "ragged"),
        ({"inputs": {"input": [[1.0]]}}, 400, "Missing inputs"),
        (b"x" * (MAX_BODY + 1), 413, "limit is 32768"),
    ],
    ids=[
        "malformed",
        "no_inputs",
        "wrong_shape",
        "strings",
        "ragged",
        "wrong_name",
        "too_big",
    ],
)
def test_bad_requests_get_4xx_and_server_keeps_serving(
    server, models, body, status, message
):
    got_status, got = _request(server["convnet"], body)
    assert got_status == status
    assert message in got["error"]
    model = models["convnet"]
    xs = sample_inputs(model, 1)
    ok_status, ok = _request(server["convnet"], {"inputs": xs[0].tolist()})
    assert ok_status == 200
    np.testing.assert_allclose(ok["outputs"], predict(model, xs), rtol=1e-4, atol=1e-6)


def test_unknown_route_is_404(server):
    assert _request(server["convnet"], {"inputs": []}, path="/nope")[0] == 404
    assert _request(server["convnet"], b"", method="GET", path="/nope")[0] == 404
