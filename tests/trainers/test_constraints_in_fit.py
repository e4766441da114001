"""Constraints are applied after each optimizer step in `fit`, as in Keras."""

import numpy as np
import pytest

import kerasish as keras

X = np.array(
    [
        [1.2514604, 0.73579025, 2.2808452],
        [1.2098002, -0.07133877, 1.7231901],
        [3.608, 2.894162, -0.40747046],
        [-1.530843, -0.24654889, 1.082652],
        [-3.6500616, 0.5624167, -1.491822],
        [-0.46453476, -0.08851802, 0.3673997],
        [1.823261, 3.0850267, 0.74293065],
        [3.7329268, -0.33038938, 1.7030201],
    ],
    "float32",
)
W1 = np.array(
    [
        [-0.07961251, 0.2704228, 0.10732956, 0.17768635],
        [-0.3269143, -0.06480682, 0.39198774, 0.74671555],
        [-0.62953275, 0.7569619, 0.6729377, 0.3906557],
    ],
    "float32",
)
BIAS_AFTER = [-0.005050206, -0.08084744, -0.090273716, -0.09681725]

# Weights after one SGD(0.1) step on mse towards ones, observed from Keras 3.15.1.
CASES = {
    "max_norm": (
        keras.constraints.MaxNorm(0.5),
        [
            [0.063586704, 0.11375329, 0.012705213, 0.039937254],
            [-0.20284931, -0.028054034, 0.25448754, 0.4376219],
            [-0.452558, 0.4860793, 0.43020293, 0.23852053],
        ],
        BIAS_AFTER,
    ),
    "min_max_norm": (
        keras.constraints.MinMaxNorm(0.4, 0.6, rate=0.5),
        [
            [0.07287312, 0.1502892, 0.017036099, 0.05523575],
            [-0.23247412, -0.037064586, 0.34123588, 0.60525876],
            [-0.5186511, 0.64220095, 0.5768482, 0.329889],
        ],
        BIAS_AFTER,
    ),
    "non_neg": (
        keras.constraints.NonNeg(),
        [
            [0.07287314, 0.16407447, 0.018825945, 0.062546805],
            [0.0, 0.0, 0.3770868, 0.68537134],
            [0.0, 0.7011068, 0.637453, 0.3735534],
        ],
        [0.0, 0.0, 0.0, 0.0],
    ),
    "unit_norm": (
        keras.constraints.UnitNorm(),
        [
            [0.12717341, 0.22750658, 0.025410427, 0.07987451],
            [-0.40569863, -0.05610807, 0.5089751, 0.8752438],
            [-0.905116, 0.9721586, 0.86040586, 0.47704107],
        ],
        BIAS_AFTER,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_constraint_applied_after_the_step_as_keras(name):
    constraint, kernel, bias = CASES[name]
    bias_constraint = keras.constraints.NonNeg() if name == "non_neg" else None
    dense = keras.layers.Dense(
        4, name="d0", kernel_constraint=constraint, bias_constraint=bias_constraint
    )
    model = keras.Sequential([keras.Input((3,)), dense])
    model.set_weights([W1, np.full(4, -0.1, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    y = np.ones((8, 4), "float32")
    model.fit(X, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(dense.kernel.numpy(), kernel, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(dense.bias.numpy(), bias, rtol=1e-5, atol=1e-6)
