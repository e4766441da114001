"""Model configs against Keras ("config" cases of `compat/cases/configs.py`).

kerasish must write the same `serialize_keras_object(model)` (config,
`build_config`, `compile_config`), `get_config()` and `to_json()` as Keras, and
load Keras' config into an equivalent model: same config when serialized again,
and the same predictions once given Keras' weights. JSON-normalised dicts are
compared exactly (no field is excluded). Kind "op_table" checks the table of
Keras operation classes kerasish uses for recorded ops.
"""

import json

import numpy as np
import pytest

import kerasish
from compat.cases import cases_of
from compat.cases import configs as builders
from kerasish.saving.keras_ops_table import KERAS_OPS

CASES = cases_of("config")
FORWARD = {"rtol": 1e-5, "atol": 1e-6}


def _normal(obj):
    return json.loads(json.dumps(obj))


def _inputs(ref, builder: str):
    shapes = builders.INPUTS[builder]
    if isinstance(shapes, dict):
        return {k: ref[f"x_{k}"] for k in shapes}
    xs = [ref[f"x_{i}"] for i in range(len(shapes))]
    return xs[0] if len(xs) == 1 else xs


def _outputs(ref) -> dict:
    return {k[2:]: ref[k] for k in ref.keys() if k.startswith("y_")}


def _weights(ref) -> list:
    count = sum(1 for k in ref.keys() if k.startswith("weight_"))
    return [ref[f"weight_{i}"] for i in range(count)]


def _check_predictions(model, ref, builder: str) -> None:
    model.set_weights(_weights(ref))
    y = model.predict(_inputs(ref, builder), verbose=0)
    expected = _outputs(ref)
    got = y if isinstance(y, dict) else {"0": y}
    assert sorted(got) == sorted(expected)
    for key, value in expected.items():
        np.testing.assert_allclose(np.asarray(got[key]), value, **FORWARD)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_serialized_config_matches_keras(case, reference):
    ref = reference(case)
    model = builders.BUILDERS[case.spec["builder"]](kerasish)
    assert (
        _normal(kerasish.saving.serialize_keras_object(model))
        == (ref.extras["serialized"])
    )
    assert _normal(model.get_config()) == ref.extras["get_config"]
    assert _normal(model.get_compile_config()) == ref.extras["compile_config"]
    assert json.loads(model.to_json()) == json.loads(ref.extras["to_json"])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_loads_keras_config(case, reference):
    ref = reference(case)
    kerasish.backend.clear_session()
    model = kerasish.models.model_from_json(ref.extras["to_json"])
    assert [layer.name for layer in model.layers] == ref.extras["layer_names"]
    assert (
        _normal(kerasish.saving.serialize_keras_object(model))
        == (ref.extras["serialized"])
    )
    assert model.compiled == bool(ref.extras["compile_config"])
    _check_predictions(model, ref, case.spec["builder"])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_from_config_rebuilds_equivalent_model(case, reference):
    ref = reference(case)
    config = ref.extras["get_config"]
    cls = {"Sequential": kerasish.Sequential}.get(
        ref.extras["serialized"]["class_name"], kerasish.Model
    )
    model = cls.from_config(config)
    assert _normal(model.get_config()) == config
    _check_predictions(model, ref, case.spec["builder"])


def test_op_table_matches_keras(reference):
    (case,) = cases_of("op_table")
    recorded = reference(case).extras["table"]
    ours = {k: [m, c, list(i), list(p)] for k, (m, c, i, p) in KERAS_OPS.items()}
    assert ours == recorded
