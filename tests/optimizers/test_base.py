"""The optimizer contract: state layout, learning rate, config, stateful shell."""

import re
import warnings

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from kerasish import optimizers
from kerasish.core.variables import Variable
from kerasish.optimizers import schedules
from tests.optimizers import keras_reference as ref


def _params():
    return {"kernel": jnp.ones((3, 4)), "bias": jnp.zeros((4,))}


def _grads(scale=1.0):
    return {"kernel": jnp.full((3, 4), scale), "bias": jnp.full((4,), -scale)}


def test_learning_rate_setter_changes_update_without_retracing():
    opt = optimizers.SGD(learning_rate=0.1)
    params = {"w": jnp.ones((2,))}
    opt.build(params)
    traces = []

    def step(state, grads, params):
        traces.append(1)
        return opt.stateless_apply(state, grads, params)

    jstep = jax.jit(step)
    grads = {"w": jnp.ones((2,))}
    params, opt.opt_state = jstep(opt.opt_state, grads, params)
    np.testing.assert_allclose(params["w"], 0.9, rtol=1e-6)
    opt.learning_rate = 0.5
    assert opt.opt_state["learning_rate"].dtype == jnp.float32
    params, opt.opt_state = jstep(opt.opt_state, grads, params)
    np.testing.assert_allclose(params["w"], 0.4, rtol=1e-6)
    opt.learning_rate.assign(0.25)  # Keras' `optimizer.learning_rate.assign`.
    params, opt.opt_state = jstep(opt.opt_state, grads, params)
    np.testing.assert_allclose(params["w"], 0.15, rtol=1e-5)
    assert len(traces) == 1
    assert int(opt.iterations) == 3
    np.testing.assert_allclose(float(opt.learning_rate), 0.25)


def test_learning_rate_handle_reads_like_keras_variable():
    opt = optimizers.Adam(name="adam")
    lr = opt.learning_rate
    assert lr.path == "adam/learning_rate" and lr.shape == () and lr.dtype == "float32"
    np.testing.assert_allclose(lr.numpy(), 0.001, rtol=1e-7)
    assert float(lr * 2) == pytest.approx(0.002)
    opt.learning_rate = 0.01  # before build: the initial value
    opt.build(_params())
    np.testing.assert_allclose(float(opt.learning_rate), 0.01, rtol=1e-7)
    assert opt.get_config()["learning_rate"] == pytest.approx(0.01)


def test_schedule_learning_rate_is_not_settable_and_not_a_variable():
    opt = optimizers.SGD(learning_rate=schedules.ExponentialDecay(0.1, 1, 0.5))
    with pytest.raises(TypeError, match="LearningRateSchedule"):
        opt.learning_rate = 0.1
    opt.build(_params())
    assert "learning_rate" not in opt.opt_state
    assert [p.split("/")[1] for p in opt.variable_paths] == ["iteration"]
    opt.stateless_apply  # noqa: B018
    _, opt.opt_state = jax.jit(opt.stateless_apply)(opt.opt_state, _grads(), _params())
    np.testing.assert_allclose(opt.learning_rate, 0.05, rtol=1e-6)


def test_switching_to_a_schedule_drops_the_learning_rate_variable():
    opt = optimizers.Adam()
    opt.build(_params())
    assert len(opt.variables) == 6
    opt.learning_rate = schedules.CosineDecay(0.1, 10)
    assert len(opt.variables) == 5
    np.testing.assert_allclose(opt.learning_rate, 0.1, rtol=1e-6)


def test_adam_variables_order_and_shapes_match_keras():
    opt = optimizers.Adam(name="adam")
    params = {"kernel": jnp.zeros((3, 4)), "bias": jnp.zeros((4,))}
    opt.build(params, order=["kernel", "bias"])
    got = [
        (path, tuple(v.shape), str(v.dtype))
        for path, v in zip(opt.variable_paths, opt.variables, strict=True)
    ]
    assert got == [(p, shape, dtype) for p, _, shape, dtype in ref.ADAM_LAYOUT]


def test_nadam_u_product_is_the_last_variable_as_in_keras():
    opt = optimizers.Nadam(name="nadam")
    w = Variable(np.zeros((3, 4), "float32"), name="kernel")
    b = Variable(np.zeros((4,), "float32"), name="bias")
    opt.apply_gradients([(jnp.ones((3, 4)), w), (jnp.ones((4,)), b)])
    got = [
        (p, tuple(v.shape), str(v.dtype))
        for p, v in zip(opt.variable_paths, opt.variables, strict=True)
    ]
    expected = [(p, s, d) for p, _, s, d in ref.NADAM_LAYOUT]
    # Keras auto-names the scalar with a global counter (`variable_N`), under the
    # optimizer's name scope when `apply` builds it.
    assert re.fullmatch(r"nadam/variable(_\d+)?", got[-1][0])
    assert got[:-1] == expected[:-1] and got[-1][1:] == ((), "float32")
    assert "u_product" in opt.opt_state


def test_unbuilt_variables_are_iteration_and_learning_rate():
    opt = optimizers.RMSprop()
    assert int(opt.iterations) == 0
    assert [np.asarray(v).item() for v in opt.variables] == [0, pytest.approx(0.001)]


@pytest.mark.parametrize(
    "cls_name", ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adamax", "Nadam"]
)
def test_get_config_equals_keras(cls_name):
    opt = getattr(optimizers, cls_name)(name="opt")
    assert opt.get_config() == ref.CONFIGS[cls_name]
    clone = type(opt).from_config(opt.get_config())
    assert clone.get_config() == ref.CONFIGS[cls_name]


def test_schedule_config_and_serialize_equal_keras():
    opt = optimizers.SGD(learning_rate=schedules.CosineDecay(0.1, 20), name="opt")
    assert opt.get_config() == ref.CONFIGS["SGD_schedule"]
    clone = optimizers.SGD.from_config(opt.get_config())
    assert isinstance(clone._learning_rate, schedules.CosineDecay)
    assert (
        optimizers.serialize(optimizers.Adam(name="opt"))
        == ref.CONFIGS["serialize_Adam"]
    )


def test_default_names_are_snake_case_class_names():
    assert re.fullmatch(r"adam(_\d+)?", optimizers.Adam().name)
    assert re.fullmatch(r"rm_sprop(_\d+)?", optimizers.RMSprop().name)
    assert re.fullmatch(r"adam_w(_\d+)?", optimizers.AdamW().name)
    assert re.fullmatch(r"sgd(_\d+)?", optimizers.SGD().name)


def test_constructor_errors_match_keras():
    with pytest.raises(ValueError, match="Only one of `clipnorm`"):
        optimizers.SGD(clipnorm=1.0, clipvalue=1.0)
    with pytest.raises(ValueError, match="learning_rate=1"):
        optimizers.Adam(learning_rate=1)
    with pytest.raises(ValueError, match="not recognized"):
        optimizers.Adam(lr=0.1)
    with pytest.raises(ValueError, match="momentum"):
        optimizers.SGD(momentum=0)
    with pytest.raises(ValueError, match="weight_decay=None"):
        optimizers.AdamW(weight_decay=None)
    with pytest.raises(ValueError, match="gradient_accumulation_steps"):
        optimizers.Adam(gradient_accumulation_steps=1)
    with pytest.warns(UserWarning, match="decay"):
        optimizers.Adam(decay=0.1)


def test_keras_list_form_of_stateless_apply():
    opt = optimizers.Adam(learning_rate=0.1)
    w = Variable(np.ones((2,), "float32"), name="w")
    opt.build([w])
    new_w, new_vars = jax.jit(opt.stateless_apply)(
        [v.value for v in opt.variables], [jnp.ones((2,))], [w.value]
    )
    assert isinstance(new_vars, list) and len(new_vars) == 4
    assert int(new_vars[0]) == 1
    np.testing.assert_allclose(new_w[0], 1.0 - 0.1, rtol=1e-5)


def test_set_weights_and_save_load_round_trip():
    opt = optimizers.Adam()
    opt.build(_params())
    _, opt.opt_state = opt.stateless_apply(opt.opt_state, _grads(), _params())
    store = {}
    opt.save_own_variables(store)
    assert sorted(store) == [str(i) for i in range(6)]
    other = optimizers.Adam()
    other.build(_params())
    other.load_own_variables(store)
    for a, b in zip(opt.variables, other.variables, strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="shape"):
        other.set_weights([np.zeros((5,))] + opt.variables[1:])
    with pytest.warns(UserWarning, match="Skipping variable loading"):
        other.load_own_variables({"0": 1})


def test_missing_gradient_leaves_variable_and_slots_untouched():
    opt = optimizers.Adam(learning_rate=0.1)
    w = Variable(np.ones((2,), "float32"), name="w")
    b = Variable(np.ones((2,), "float32"), name="b")
    with pytest.warns(
        UserWarning, match=r"Gradients do not exist for variables \['b'\]"
    ):
        opt.apply_gradients([(jnp.ones((2,)), w), (None, b)])
    np.testing.assert_array_equal(b.numpy(), 1.0)
    assert float(jnp.sum(opt.variables[-1].value)) == 0.0  # b_velocity
    assert float(w.numpy()[0]) < 1.0
    with pytest.raises(ValueError, match="No gradients"):
        opt.apply_gradients([(None, w)])
    with pytest.raises(ValueError, match="Unknown variable"):
        opt.apply_gradients([(jnp.ones((2,)), Variable(np.ones(2, "float32")))])


def test_constraint_is_applied_after_the_update():
    w = Variable(
        np.ones((2,), "float32"), name="w", constraint=lambda x: jnp.clip(x, 0.95, 2)
    )
    optimizers.SGD(learning_rate=1.0).apply([jnp.ones((2,))], [w])
    np.testing.assert_allclose(w.numpy(), 0.95)


def test_weight_decay_exclusion_by_path_and_variable():
    params = {"dense": {"kernel": jnp.ones((2,)), "bias": jnp.ones((2,))}}
    zero = jax.tree_util.tree_map(jnp.zeros_like, params)
    opt = optimizers.SGD(learning_rate=0.1, weight_decay=0.5)
    opt.exclude_from_weight_decay(var_names=["bias"])
    new, _ = opt.stateless_apply(opt.init(params), zero, params)
    np.testing.assert_allclose(new["dense"]["kernel"], 0.95)
    np.testing.assert_allclose(new["dense"]["bias"], 1.0)
    kernel = Variable(np.ones(2, "float32"), name="kernel", path="dense/kernel")
    opt.exclude_from_weight_decay(var_list=[kernel])
    new, _ = opt.stateless_apply(opt.init(params), zero, params)
    np.testing.assert_allclose(new["dense"]["kernel"], 1.0)
    np.testing.assert_allclose(new["dense"]["bias"], 0.95)


def test_ema_finalize():
    opt = optimizers.SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.5)
    w = Variable(np.ones((2,), "float32"), name="w")
    opt.apply_gradients([(jnp.ones((2,)), w)])
    opt.apply_gradients([(jnp.ones((2,)), w)])
    np.testing.assert_allclose(w.numpy(), 0.8, rtol=1e-6)
    state = opt.opt_state
    np.testing.assert_allclose(
        opt.finalize_params(state, [w.value])[0], 0.85, rtol=1e-6
    )
    opt.finalize_variable_values([w])
    np.testing.assert_allclose(w.numpy(), 0.85, rtol=1e-6)


def test_build_is_a_no_op_once_built_and_state_is_arrays_only():
    opt = optimizers.Nadam()
    opt.build(_params())
    state = opt.opt_state
    opt.build({"other": jnp.ones(3)})
    assert opt.opt_state is state
    assert all(isinstance(x, jax.Array) for x in jax.tree_util.tree_leaves(state))
    assert state["iterations"].dtype == jnp.int32
    assert state["learning_rate"].dtype == jnp.float32


def test_transformation_is_an_optax_gradient_transformation():
    tx = optimizers.SGD(learning_rate=0.5).transformation
    assert isinstance(tx, optax.GradientTransformation)
    params = _params()
    updates, _ = tx.update(_grads(), tx.init(params), params)
    np.testing.assert_allclose(updates["kernel"], -0.5)
    with pytest.raises(ValueError, match="params"):
        tx.update(_grads(), tx.init(params))


def test_callable_learning_rate():
    opt = optimizers.SGD(learning_rate=lambda: 0.2)
    assert float(opt.learning_rate) == 0.2
    with pytest.raises(TypeError):
        opt.learning_rate = 0.1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new, _ = opt.stateless_apply(opt.init(_params()), _grads(), _params())
    np.testing.assert_allclose(new["kernel"], 0.8, rtol=1e-6)


@pytest.mark.parametrize(
    "opt",
    [
        optimizers.SGD(momentum=0.9, nesterov=True, clipnorm=1.0),
        optimizers.Adam(amsgrad=True, global_clipnorm=1.0),
        optimizers.AdamW(use_ema=True, ema_overwrite_frequency=2),
        optimizers.RMSprop(momentum=0.5, centered=True, clipvalue=0.1),
        optimizers.Adagrad(gradient_accumulation_steps=2),
        optimizers.Adamax(loss_scale_factor=2.0),
        optimizers.SGD(learning_rate=schedules.PolynomialDecay(0.1, 10)),
    ],
    ids=lambda o: type(o).__name__,
)
def test_bfloat16_params_keep_their_dtype_under_strict_promotion(opt):
    params = {"a": jnp.ones((2, 3), jnp.bfloat16), "b": jnp.ones((3,), jnp.float32)}
    state = opt.init(params)
    new, state = jax.jit(opt.stateless_apply)(state, params, params)
    assert new["a"].dtype == jnp.bfloat16 and new["b"].dtype == jnp.float32
    assert all(
        np.isfinite(np.asarray(x, np.float32)).all() for x in jax.tree.leaves(new)
    )
    assert state["iterations"].dtype == jnp.int32
