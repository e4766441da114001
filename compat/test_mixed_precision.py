"""Mixed precision against Keras: dtypes, autocast numerics, loss scaling."""

import numpy as np
import pytest

import kerasish
from compat.cases import cases_of, mixed_precision

CASES = cases_of("mixed_precision")
TOL = {"rtol": 1e-4, "atol": 1e-5}


@pytest.fixture(autouse=True)
def _float32_policy():
    yield
    kerasish.config.set_dtype_policy("float32")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_mixed_precision(case, reference):
    ref = reference(case)
    model = mixed_precision.build(kerasish, case)
    model.set_weights(ref.seq("weights"))
    x = ref["x"]
    hidden = model.layers[1](model.layers[0](x))
    assert str(hidden.dtype) == ref.extras["hidden_dtype"]
    assert [str(v.dtype) for v in model.weights] == ref.extras["weight_dtypes"]
    assert (
        model.get_config()["layers"][1]["config"]["dtype"]
        == (ref.extras["dtype_config"])
    )
    predicted = model.predict(x, verbose=0)
    assert str(predicted.dtype) == ref.extras["predict_dtype"]
    np.testing.assert_allclose(predicted, ref["predict"], **TOL)

    model.compile(
        optimizer=mixed_precision.optimizer(kerasish, case),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    assert type(model.optimizer).__name__ == ref.extras["optimizer"]
    history = model.fit(
        x, ref["y"], epochs=case.spec["epochs"], batch_size=8, shuffle=False, verbose=0
    )
    for key, want in ref.extras["history"].items():
        np.testing.assert_allclose(history.history[key], want, **TOL, err_msg=key)
    for got, want in zip(model.get_weights(), ref.seq("final_weights"), strict=True):
        np.testing.assert_allclose(got, want, **TOL)
    assert [v.path for v in model.optimizer.variables] == ref.extras["optimizer_paths"]
    for got, want in zip(
        model.optimizer.variables, ref.seq("optimizer_variables"), strict=True
    ):
        np.testing.assert_allclose(np.asarray(got), want, **TOL)
