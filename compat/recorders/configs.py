"""Records model config cases and Keras' op table (see `compat/cases/configs.py`)."""

import ast
import importlib
import inspect
import json
import textwrap

import keras
import numpy as np

from compat.cases import configs


def _inputs(builder: str, seed: int):
    rng = np.random.default_rng(seed)
    shapes = configs.INPUTS[builder]
    if isinstance(shapes, dict):
        return {
            k: rng.normal(size=(3, *s)).astype("float32") for k, s in shapes.items()
        }
    xs = [rng.normal(size=(3, *s)).astype("float32") for s in shapes]
    return xs[0] if len(xs) == 1 else xs


def _flat(x) -> dict:
    if isinstance(x, dict):
        return {f"x_{k}": v for k, v in x.items()}
    if isinstance(x, list):
        return {f"x_{i}": v for i, v in enumerate(x)}
    return {"x_0": x}


def record_config(case):
    builder = case.spec["builder"]
    model = configs.BUILDERS[builder](keras)
    serialized = json.loads(json.dumps(keras.saving.serialize_keras_object(model)))
    extras = {
        "serialized": serialized,
        "get_config": json.loads(json.dumps(model.get_config())),
        "to_json": model.to_json(),
        "compile_config": json.loads(json.dumps(model.get_compile_config())),
        "layer_names": [layer.name for layer in model.layers],
    }
    x = _inputs(builder, case.seed)
    y = model.predict(x, verbose=0)
    arrays = {
        **_flat(x),
        **{f"weight_{i}": w for i, w in enumerate(model.get_weights())},
    }
    if isinstance(y, dict):
        arrays.update({f"y_{k}": v for k, v in y.items()})
    else:
        arrays["y_0"] = y
    return arrays, extras


def _op_class(fn):
    """The class `X` of the `X(...).symbolic_call(...)` in an op function."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "symbolic_call"
            and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Name)
        ):
            cls = fn.__globals__.get(node.func.value.func.id)
            return cls if isinstance(cls, type) else None
    return None


def _params(fn, skip=("self", "name")) -> list:
    result = []
    for p in inspect.signature(fn).parameters.values():
        if p.name in skip or p.kind is p.VAR_KEYWORD:
            continue
        result.append(("*" + p.name) if p.kind is p.VAR_POSITIONAL else p.name)
    return result


def record_op_table(case):
    """`{fn: [module suffix, class, constructor args, call args]}` for keras.ops."""
    del case
    table = {}
    for namespace in ("keras.ops", "keras.ops.image", "keras.ops.nn",
                      "keras.ops.numpy", "keras.ops.linalg"):  # fmt: skip
        module = importlib.import_module(namespace)
        prefix = "image." if namespace.endswith("image") else ""
        for name in sorted(dir(module)):
            fn = getattr(module, name)
            key = prefix + name
            if name.startswith("_") or not inspect.isfunction(fn) or key in table:
                continue
            cls = _op_class(fn)
            if cls is None:
                continue
            init = [p for p in _params(cls.__init__) if not p.startswith("*")]
            table[key] = [
                cls.__module__.removeprefix("keras.src.ops."),
                cls.__name__,
                init,
                _params(cls.call, skip=("self",)),
            ]
    return {}, {"table": table}


RECORDERS = {"config": record_config, "op_table": record_op_table}
