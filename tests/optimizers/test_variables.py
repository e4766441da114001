"""`optimizer.variables`: Keras names and paths, live reads, functional assigns."""

import re

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from kerasish import optimizers
from kerasish.core.variables import Variable
from kerasish.optimizers._variables import OptimizerVariable
from kerasish.utils.summary_utils import count_params, weight_memory_size

# A Sequential `[Input((4,)), Dense(3, name="d0"), Dense(2)]`: params tree and the
# Keras order of its trainable variables (the tree sorts `bias` before `kernel`).
SHAPES = {
    "d0": {"kernel": (4, 3), "bias": (3,)},
    "dense": {"kernel": (3, 2), "bias": (2,)},
}
ORDER = [("d0", "kernel"), ("d0", "bias"), ("dense", "kernel"), ("dense", "bias")]
REFS = [
    "sequential_d0_kernel",
    "sequential_d0_bias",
    "sequential_dense_kernel",
    "sequential_dense_bias",
]


def _params():
    return jax.tree_util.tree_map(
        lambda s: jnp.zeros(s, jnp.float32),
        SHAPES,
        is_leaf=lambda x: isinstance(x, tuple),
    )


def _model_variables():
    return [
        Variable(
            np.zeros(SHAPES[layer][w], "float32"),
            name=w,
            path=f"sequential/{layer}/{w}",
        )
        for layer, w in ORDER
    ]


def _build(opt):
    opt.build(_params(), order=ORDER, variables=_model_variables())
    return opt


def _interleaved(*slots):
    return [f"{ref}_{slot}" for ref in REFS for slot in slots]


# Observed from Keras 3.15.1: `opt.build(model.trainable_variables)` on the
# Sequential above, `[v.name for v in opt.variables]` (paths are `<opt>/<name>`).
KERAS_NAMES = {
    ("SGD", ()): ["iteration", "learning_rate"],
    ("SGD", (("momentum", 0.9),)): [
        "iteration",
        "learning_rate",
        *_interleaved("momentum"),
    ],
    ("Adam", ()): ["iteration", "learning_rate", *_interleaved("momentum", "velocity")],
    ("Adam", (("amsgrad", True),)): [
        "iteration",
        "learning_rate",
        *_interleaved("momentum", "velocity"),
        *_interleaved("velocity_hat"),
    ],
    ("AdamW", ()): [
        "iteration",
        "learning_rate",
        *_interleaved("momentum", "velocity"),
    ],
    ("RMSprop", ()): ["iteration", "learning_rate", *_interleaved("velocity")],
    ("RMSprop", (("momentum", 0.5), ("centered", True))): [
        "iteration",
        "learning_rate",
        *_interleaved("velocity"),
        *_interleaved("momentum"),
        *_interleaved("average_gradient"),
    ],
    ("Adagrad", ()): ["iteration", "learning_rate", *_interleaved("accumulator")],
    ("Adamax", ()): ["iteration", "learning_rate", *_interleaved("momentum", "norm")],
    ("SGD", (("use_ema", True),)): [
        "iteration",
        "learning_rate",
        *_interleaved("average"),
    ],
    ("Adam", (("gradient_accumulation_steps", 2), ("use_ema", True))): [
        "iteration",
        "learning_rate",
        *_interleaved("average"),
        *_interleaved("gradient_accumulator"),
        *_interleaved("momentum", "velocity"),
    ],
}


@pytest.mark.parametrize("spec", list(KERAS_NAMES), ids=str)
def test_names_and_paths_match_keras_for_a_sequential_model(spec):
    cls_name, kwargs = spec
    opt = _build(getattr(optimizers, cls_name)(name="opt", **dict(kwargs)))
    variables = opt.variables
    assert [v.name for v in variables] == KERAS_NAMES[spec]
    assert [v.path for v in variables] == [f"opt/{n}" for n in KERAS_NAMES[spec]]
    assert opt.variable_paths == [v.path for v in variables]
    assert all(isinstance(v, Variable) and not v.trainable for v in variables)
    shapes = {
        f"{r}_": s for r, s in zip(REFS, [(4, 3), (3,), (3, 2), (2,)], strict=True)
    }
    for v in variables[2:]:
        ref = next(r for r in shapes if v.name.startswith(r))
        assert v.shape == shapes[ref] and v.dtype == "float32"
    assert (variables[0].shape, variables[0].dtype) == ((), "int32")


def test_nadam_scalar_is_an_auto_named_variable_outside_the_name_scope():
    # Keras: `fit` builds outside the optimizer's name scope (path `variable`),
    # `apply_gradients` inside it (path `nadam/variable`); names count globally.
    opt = _build(optimizers.Nadam(name="nadam"))
    names = [v.name for v in opt.variables]
    assert names[:-1] == [
        "iteration",
        "learning_rate",
        *_interleaved("momentum", "velocity"),
    ]
    last = opt.variables[-1]
    assert re.fullmatch(r"variable(_\d+)?", last.name) and last.path == last.name
    np.testing.assert_allclose(last.numpy(), 1.0)
    other = optimizers.Nadam(name="nadam")
    w = Variable(np.zeros((2,), "float32"), name="w")
    other.apply_gradients([(jnp.ones((2,)), w)])
    scalar = other.variables[-1]
    assert scalar.name != last.name and scalar.path == f"nadam/{scalar.name}"
    assert [v.path for v in other.variables[:-1]] == [
        "nadam/iteration",
        "nadam/learning_rate",
        "nadam/w_momentum",
        "nadam/w_velocity",
    ]


def test_keras_list_build_names_from_the_variables_paths():
    w = Variable(np.zeros((2,), "float32"), name="w")
    b = Variable(np.zeros((), "float32"), name="b", path="block/b")
    opt = optimizers.Adam(name="adam")
    opt.build([w, b])
    assert opt.variable_paths == [
        "adam/iteration",
        "adam/learning_rate",
        "adam/w_momentum",
        "adam/w_velocity",
        "adam/block_b_momentum",
        "adam/block_b_velocity",
    ]


def test_without_variables_names_come_from_the_tree_paths():
    opt = optimizers.SGD(momentum=0.9, name="sgd")
    opt.build(_params(), order=ORDER)
    assert [v.name for v in opt.variables][2:] == [
        "d0_kernel_momentum",
        "d0_bias_momentum",
        "dense_kernel_momentum",
        "dense_bias_momentum",
    ]
    with pytest.raises(ValueError, match="variables"):
        optimizers.SGD().build(_params(), order=ORDER, variables=_model_variables()[:2])


def test_views_read_the_live_state_and_are_stable():
    opt = _build(optimizers.Adam(learning_rate=0.1))
    variables = opt.variables
    assert all(a is b for a, b in zip(variables, opt.variables, strict=True))
    assert opt.learning_rate is variables[1]
    assert opt.iterations is variables[0]
    grads = jax.tree_util.tree_map(jnp.ones_like, _params())
    _, opt.opt_state = opt.stateless_apply(opt.opt_state, grads, _params())
    assert int(variables[0]) == 1 and variables[0].numpy().dtype == np.int32
    # d0 kernel momentum after one step: (1 - beta_1) * 1.
    np.testing.assert_allclose(variables[2].numpy(), np.full((4, 3), 0.1), rtol=1e-6)
    np.testing.assert_allclose(
        variables[2].value, opt.opt_state["momentum"]["d0"]["kernel"]
    )
    assert isinstance(variables[2], OptimizerVariable) and "path=" in repr(variables[2])


def test_assign_updates_opt_state_functionally_without_retracing():
    opt = _build(optimizers.SGD(learning_rate=0.1, momentum=0.5))
    traces = []

    def step(state, grads, params):
        traces.append(1)
        return opt.stateless_apply(state, grads, params)

    jstep = jax.jit(step)
    params = _params()
    grads = jax.tree_util.tree_map(jnp.ones_like, params)
    params, opt.opt_state = jstep(opt.opt_state, grads, params)
    old_state = opt.opt_state
    momentum = opt.variables[3]  # sequential_d0_bias_momentum
    assert momentum.name == "sequential_d0_bias_momentum"
    momentum.assign(np.array([1, 2, 3]))  # ints: cast to the slot's float32
    assert opt.opt_state is not old_state
    np.testing.assert_allclose(old_state["momentum"]["d0"]["bias"], -0.1)
    np.testing.assert_allclose(opt.opt_state["momentum"]["d0"]["bias"], [1, 2, 3])
    opt.variables[0].assign(7)
    opt.variables[1].assign(0.5)
    assert not opt.opt_state["iterations"].weak_type
    assert float(opt._learning_rate) == 0.5
    params, opt.opt_state = jstep(opt.opt_state, grads, params)
    assert len(traces) == 1 and int(opt.iterations) == 8
    # m = 0.5 * m - lr * g with the new lr 0.5, then var += m (var was -0.1).
    np.testing.assert_allclose(opt.variables[3].numpy(), [0.0, 0.5, 1.0], rtol=1e-6)
    np.testing.assert_allclose(params["d0"]["bias"], [-0.1, 0.4, 0.9], rtol=1e-6)
    with pytest.raises(ValueError, match="shape"):
        momentum.assign(np.zeros((4,)))


def test_assigning_iteration_before_build_is_kept():
    opt = optimizers.Adam()
    assert [v.name for v in opt.variables] == ["iteration", "learning_rate"]
    opt.iterations.assign(5)
    assert int(opt.iterations) == 5
    opt.build(_params())
    assert int(opt.opt_state["iterations"]) == 5
    with pytest.raises(ValueError, match="built"):
        unbuilt = optimizers.SGD(momentum=0.9)
        spec = _build(optimizers.SGD(momentum=0.9))._variable_specs()[2]
        unbuilt._write_variable(spec, 1.0)


def test_gradient_accumulation_iterations_counts_updates():
    opt = _build(optimizers.SGD(gradient_accumulation_steps=2))
    opt.variables[0].assign(5)
    assert int(opt.iterations) == 2 and int(opt.variables[0]) == 5


def test_summary_counts_optimizer_variables():
    opt = _build(optimizers.Adam())
    # Keras' summary: 2 scalars + 2 * (12 + 3 + 6 + 2) slot values.
    assert count_params(opt.variables) == 48
    assert weight_memory_size(opt.variables) == 48 * 4


def test_weight_decay_var_names_match_the_variable_name_as_in_keras():
    # Keras matches `var_names` against `variable.name` (`kernel`), not the path.
    params = {"d0": {"kernel": jnp.ones((4, 3)), "bias": jnp.ones((3,))}}
    order = [("d0", "kernel"), ("d0", "bias")]
    grads = jax.tree_util.tree_map(jnp.zeros_like, params)
    opt = optimizers.SGD(learning_rate=1.0, weight_decay=0.5)
    opt.build(params, order=order, variables=_model_variables()[:2])
    opt.exclude_from_weight_decay(var_names=["d0", "bias"])
    new, _ = opt.stateless_apply(opt.opt_state, grads, params)
    np.testing.assert_allclose(new["d0"]["kernel"], 0.5)  # "d0" is not in "kernel"
    np.testing.assert_allclose(new["d0"]["bias"], 1.0)


def test_set_weights_accepts_another_optimizers_variables():
    opt = _build(optimizers.Adam())
    grads = jax.tree_util.tree_map(jnp.ones_like, _params())
    _, opt.opt_state = opt.stateless_apply(opt.opt_state, grads, _params())
    other = _build(optimizers.Adam())
    other.set_weights(opt.variables)
    for a, b in zip(opt.variables, other.variables, strict=True):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_optax_optimizer_variables_are_named_views():
    opt = optimizers.OptaxOptimizer(optax.sgd(0.1, momentum=0.9), name="ox")
    assert [v.path for v in opt.variables] == ["ox/iteration"]
    opt.build({"w": jnp.zeros((2,))})
    assert [(v.name, v.path) for v in opt.variables] == [
        ("iteration", "ox/iteration"),
        ("optax_state_0_trace_w", "ox/optax_state/0/trace/w"),
    ]
    opt.variables[1].assign(np.ones(2))
    np.testing.assert_allclose(opt.opt_state["optax_state"][0].trace["w"], 1.0)
