"""A minimal JSON prediction server for an exported model (standard library only).

Export a model first:

    model.export("model.stablehlo", format="stablehlo")   # needs only JAX to serve
    model.export("model.onnx", format="onnx")             # served with onnxruntime

then serve it on localhost:

    python examples/serve.py model.stablehlo --port 8000
    curl -s localhost:8000/predict -d '{"inputs": [[0.1, 0.2, 0.3]]}'
    # {"outputs": [[...]]}

Requests: `POST /predict` with `{"inputs": BATCH}` for a one-input model, or
`{"inputs": {"name": BATCH, ...}}` / `{"inputs": [BATCH_1, BATCH_2]}` for
several inputs. Answers: `{"outputs": BATCH}` for one output, else
`{"outputs": {"output_0": BATCH, ...}}`. `GET /health` describes the model.
Bad requests get a 4xx with `{"error": message}`; the server keeps running.
The StableHLO path imports only `kerasish.export.stablehlo_loader` (JAX and
NumPy), never kerasish's layers or models.
"""

from __future__ import annotations

import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

DEFAULT_MAX_BODY_BYTES = 1 << 20


class BadRequest(Exception):
    """A client error: answered with `status` and the message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Predictor:
    """Runs an exported model on NumPy inputs: `.stablehlo` or `.onnx`."""

    def __init__(self, path: str) -> None:
        if path.endswith(".onnx"):
            import onnxruntime as ort

            options = ort.SessionOptions()
            options.log_severity_level = 3  # unused-initializer warnings are noise
            self._session = ort.InferenceSession(path, options)
            self.inputs = [
                {"name": i.name, "shape": _shape(i.shape), "dtype": _ort_dtype(i.type)}
                for i in self._session.get_inputs()
            ]
            self.output_names = [o.name for o in self._session.get_outputs()]
        else:
            from kerasish.export.stablehlo_loader import load_stablehlo

            self._model = load_stablehlo(path)
            self._session = None
            self.inputs = self._model.inputs
            self.output_names = self._model.output_names

    def predict(self, arrays: list[np.ndarray]) -> list[np.ndarray]:
        """One NumPy array per output, in order."""
        if self._session is None:
            outputs = self._model(*arrays)
            import jax

            return [np.asarray(y) for y in jax.tree_util.tree_leaves(outputs)]
        feed = {}
        for spec, x in zip(self.inputs, arrays, strict=True):
            _check_shape(spec, x)
            feed[spec["name"]] = x.astype(spec["dtype"])
        return self._session.run(None, feed)


def _shape(dims: list) -> tuple:
    return tuple(d if isinstance(d, int) else None for d in dims)


def _ort_dtype(type_name: str) -> str:
    name = type_name.removeprefix("tensor(").removesuffix(")")
    return {"float": "float32", "double": "float64"}.get(name, name)


def _check_shape(spec: dict, x: np.ndarray) -> None:
    expected = spec["shape"]
    if x.ndim != len(expected) or any(
        e is not None and e != d for e, d in zip(expected, x.shape, strict=True)
    ):
        raise ValueError(
            f"Input '{spec['name']}' has an incompatible shape: expected "
            f"{expected} (None = any size). Received: shape={x.shape}"
        )


def parse_inputs(payload: Any, specs: list[dict]) -> list[np.ndarray]:
    """The request's `inputs` as one NumPy array per model input."""
    if not isinstance(payload, dict) or "inputs" not in payload:
        raise BadRequest('The request body must be a JSON object with "inputs".')
    raw = payload["inputs"]
    names = [s["name"] for s in specs]
    if isinstance(raw, dict):
        missing = [n for n in names if n not in raw]
        if missing:
            raise BadRequest(f"Missing inputs {missing}; expected {names}.")
        raw = [raw[n] for n in names]
    elif len(specs) == 1:
        raw = [raw]
    elif not isinstance(raw, list) or len(raw) != len(specs):
        raise BadRequest(f"Expected {len(specs)} inputs {names}.")
    arrays = []
    for spec, value in zip(specs, raw, strict=True):
        try:
            array = np.asarray(value)
        except ValueError:
            raise BadRequest(f"Input '{spec['name']}' is a ragged list.") from None
        if array.dtype.kind not in "biuf":
            raise BadRequest(f"Input '{spec['name']}' must be a list of numbers.")
        arrays.append(array.astype(spec["dtype"]))
    return arrays


def make_handler(predictor: Predictor, max_body_bytes: int) -> type:
    """A request handler class bound to `predictor`."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if self.path != "/health":
                return self._send(404, {"error": f"No route {self.path}."})
            inputs = [{**s, "shape": list(s["shape"])} for s in predictor.inputs]
            self._send(200, {"status": "ok", "inputs": inputs})

        def do_POST(self) -> None:  # noqa: N802
            try:
                if self.path != "/predict":
                    raise BadRequest(f"No route {self.path}.", 404)
                arrays = parse_inputs(self._read_json(), predictor.inputs)
                try:
                    outputs = predictor.predict(arrays)
                except ValueError as e:
                    raise BadRequest(str(e)) from None
            except BadRequest as e:
                return self._send(e.status, {"error": str(e)})
            except Exception as e:  # keep serving; report the failure
                return self._send(500, {"error": f"{type(e).__name__}: {e}"})
            if len(outputs) == 1:
                body = {"outputs": outputs[0].tolist()}
            else:
                names = predictor.output_names
                pairs = zip(names, outputs, strict=True)
                body = {"outputs": {n: y.tolist() for n, y in pairs}}
            self._send(200, body)

        def _read_json(self) -> Any:
            length = self.headers.get("Content-Length")
            if length is None or not length.isdigit():
                self.close_connection = True
                raise BadRequest("A Content-Length header is required.", 411)
            if int(length) > max_body_bytes:
                # The body is left unread, so this connection cannot be reused.
                self.close_connection = True
                raise BadRequest(
                    f"The body is {length} bytes; the limit is {max_body_bytes}.",
                    413,
                )
            body = self.rfile.read(int(length))
            try:
                return json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                raise BadRequest(f"The body is not valid JSON: {e}.") from None

        def _send(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            del format, args  # quiet; a real deployment would log requests

    return Handler


def make_server(
    model_path: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> ThreadingHTTPServer:
    """A `ThreadingHTTPServer` serving the exported model (port 0: any free port)."""
    handler = make_handler(Predictor(model_path), max_body_bytes)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="an exported .stablehlo or .onnx file")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES)
    args = parser.parse_args()
    server = make_server(args.model, args.host, args.port, args.max_body_bytes)
    print(f"Serving {args.model} on http://{args.host}:{server.server_port}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
