"""`keras.ops.core`: conversion, dtype and shape queries, control flow, slicing."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core.variables import Variable
from kerasish.ops._dispatch import keras_op, standardize_dtype, to_tensor


@keras_op
def convert_to_tensor(
    x: Any, dtype: Any = None, sparse: bool | None = None, ragged: bool | None = None
) -> jax.Array:
    """Converts a NumPy array, Python value or Variable to a JAX array.

    Python floats become `floatx()` and Python ints int32, as in Keras;
    64-bit NumPy arrays become 32-bit (JAX runs without x64).

    Args:
        x: The value to convert.
        dtype: Optional target dtype.
        sparse: Must be falsy (kerasish has no sparse tensors).
        ragged: Must be falsy (kerasish has no ragged tensors).

    Returns:
        A `jax.Array`.
    """
    if sparse:
        raise ValueError("`sparse=True` is not supported with kerasish.")
    if ragged:
        raise ValueError("`ragged=True` is not supported with the JAX backend.")
    return to_tensor(x, dtype=dtype)


def convert_to_numpy(x: Any) -> np.ndarray:
    """Converts a tensor (or Variable) to a NumPy array.

    Args:
        x: A tensor, Variable or array-like.

    Returns:
        A NumPy array.
    """
    if isinstance(x, Variable):
        x = x.value
    return np.array(x)


def is_tensor(x: Any) -> bool:
    """Whether `x` is a native tensor (a `jax.Array`)."""
    return isinstance(x, jax.Array)


def dtype(x: Any) -> str:
    """The dtype of `x` as a standardized string, e.g. `"float32"`."""
    if isinstance(x, Variable):
        return x.dtype
    found = getattr(x, "dtype", None)
    return standardize_dtype(to_tensor(x).dtype if found is None else found)


def shape(x: Any) -> tuple[int, ...]:
    """The shape of `x` as a tuple of ints (static under `jit`)."""
    if isinstance(x, Variable):
        return x.shape
    if hasattr(x, "shape"):
        return tuple(x.shape)
    return tuple(np.shape(x))


@keras_op
def cast(x: Any, dtype: Any) -> jax.Array:
    """Casts `x` to `dtype`."""
    return to_tensor(x).astype(standardize_dtype(dtype))


@keras_op
def saturate_cast(x: Any, dtype: Any) -> jax.Array:
    """Casts `x` to `dtype`, clipping to the target's range first."""
    x = to_tensor(x)
    dtype = jnp.dtype(standardize_dtype(dtype))
    if jnp.issubdtype(dtype, jnp.integer) or jnp.issubdtype(dtype, jnp.floating):
        info = (
            jnp.iinfo(dtype) if jnp.issubdtype(dtype, jnp.integer) else jnp.finfo(dtype)
        )
        if not jnp.issubdtype(x.dtype, jnp.bool_):
            lo = builtins.max(float(info.min), float(jnp.finfo("float32").min))
            hi = builtins.min(float(info.max), float(jnp.finfo("float32").max))
            x = jnp.clip(
                x, jnp.asarray(lo).astype(x.dtype), jnp.asarray(hi).astype(x.dtype)
            )
    return x.astype(dtype)


@keras_op
def stop_gradient(variable: Any) -> jax.Array:
    """Returns `variable` with its gradient blocked."""
    return jax.lax.stop_gradient(to_tensor(variable))


def cond(pred: Any, true_fn: Callable, false_fn: Callable) -> Any:
    """Calls `true_fn()` if `pred` else `false_fn()` (`lax.cond`: both are traced)."""
    if isinstance(pred, Variable):
        pred = pred.value
    return jax.lax.cond(pred, true_fn, false_fn)


def switch(index: Any, branches: list[Callable], *operands: Any) -> Any:
    """Calls `branches[index](*operands)` (index clamped to the valid range)."""
    return jax.lax.switch(index, branches, *operands)


def scan(
    f: Callable,
    init: Any,
    xs: Any = None,
    length: int | None = None,
    reverse: bool = False,
    unroll: int | bool = 1,
) -> tuple[Any, Any]:
    """Loops `f(carry, x) -> (carry, y)` over the leading axis of `xs`.

    Returns:
        `(final_carry, stacked_ys)`.
    """
    if not isinstance(unroll, bool) and (not isinstance(unroll, int) or unroll < 1):
        raise ValueError(
            "`unroll` must be an positive integer or boolean. "
            f"Received: unroll={unroll}"
        )
    return jax.lax.scan(
        f, init=init, xs=xs, length=length, reverse=reverse, unroll=unroll
    )


def associative_scan(
    f: Callable, elems: Any, reverse: bool = False, axis: int = 0
) -> Any:
    """Parallel prefix scan of an associative binary function `f`."""
    return jax.lax.associative_scan(f, elems, reverse=reverse, axis=axis)


def map(f: Callable, xs: Any) -> Any:  # noqa: A001
    """Applies `f` to each slice along the leading axis of `xs` (`lax.map`)."""
    return jax.lax.map(f, xs)


def fori_loop(lower: int, upper: int, body_fun: Callable, init_val: Any) -> Any:
    """`for i in range(lower, upper): val = body_fun(i, val)`."""
    return jax.lax.fori_loop(lower, upper, body_fun, init_val)


def while_loop(
    cond: Callable,
    body: Callable,
    loop_vars: Any,
    maximum_iterations: int | None = None,
) -> Any:
    """Repeats `loop_vars = body(*loop_vars)` while `cond(*loop_vars)`.

    Args:
        cond: Returns a boolean scalar from the loop variables.
        body: Returns new loop variables (same structure).
        loop_vars: A tuple/list of loop variables, or a single one.
        maximum_iterations: Optional cap on the number of iterations.

    Returns:
        The final loop variables, in the structure they were given.
    """
    is_tuple = isinstance(loop_vars, list | tuple)
    loop_vars = tuple(loop_vars) if is_tuple else (loop_vars,)

    def pack(outputs: Any) -> tuple:
        return tuple(outputs) if is_tuple else (outputs,)

    if maximum_iterations is None:
        outputs = jax.lax.while_loop(
            lambda a: cond(*a), lambda a: pack(body(*a)), loop_vars
        )
        return outputs if is_tuple else outputs[0]

    def bounded_cond(args: tuple) -> Any:
        return jnp.logical_and(cond(*args[:-1]), args[-1] < maximum_iterations)

    def bounded_body(args: tuple) -> tuple:
        return pack(body(*args[:-1])) + (args[-1] + 1,)

    outputs = jax.lax.while_loop(bounded_cond, bounded_body, loop_vars + (0,))[:-1]
    return outputs if is_tuple else outputs[0]


def vectorized_map(function: Callable, elements: Any) -> Any:
    """Maps `function` over the leading axis of `elements` (`jax.vmap`)."""
    return jax.vmap(function)(elements)


@keras_op
def slice(inputs: Any, start_indices: Any, shape: Any) -> jax.Array:  # noqa: A001
    """A dynamic slice of `shape` starting at `start_indices` (-1: to the end)."""
    inputs = to_tensor(inputs)
    sizes = tuple(
        inputs.shape[i] - int(start_indices[i]) if s == -1 else int(s)
        for i, s in enumerate(shape)
    )
    return jax.lax.dynamic_slice(inputs, tuple(start_indices), sizes)


@keras_op
def slice_update(inputs: Any, start_indices: Any, updates: Any) -> jax.Array:
    """Writes `updates` into `inputs` at `start_indices` (functional update)."""
    inputs = to_tensor(inputs)
    updates = to_tensor(updates).astype(inputs.dtype)
    return jax.lax.dynamic_update_slice(inputs, updates, tuple(start_indices))


@keras_op
def scatter(indices: Any, values: Any, shape: Any) -> jax.Array:
    """A zeros tensor of `shape` with `values` added at `indices` (`(n, rank)`)."""
    values = to_tensor(values)
    key = tuple(jnp.moveaxis(to_tensor(indices), -1, 0))
    return jnp.zeros(tuple(shape), values.dtype).at[key].add(values)


@keras_op
def scatter_update(
    inputs: Any, indices: Any, updates: Any, reduction: str | None = None
) -> jax.Array:
    """Sets `updates` at `indices`, or reduces (`"add"`, `"max"`, `"min"`, `"mul"`)."""
    inputs = to_tensor(inputs)
    updates = to_tensor(updates).astype(inputs.dtype)
    at = inputs.at[tuple(jnp.transpose(to_tensor(indices)))]
    methods = {
        None: at.set,
        "add": at.add,
        "max": at.max,
        "min": at.min,
        "mul": at.multiply,
    }
    if reduction not in methods:
        raise ValueError(f"Unsupported reduction: {reduction}")
    return methods[reduction](updates)


@keras_op
def unstack(x: Any, num: int | None = None, axis: int = 0) -> list[jax.Array]:
    """Splits `x` into a list of tensors along `axis`."""
    del num
    x = to_tensor(x)
    return [
        jax.lax.index_in_dim(x, i, axis, keepdims=False) for i in range(x.shape[axis])
    ]


def custom_gradient(f: Callable) -> Callable:
    """Decorator: `f(*args)` returns `(output, grad_fn)`, where `grad_fn(*upstream)`
    gives the gradients for `args`."""

    @jax.custom_gradient
    def wrapper(*args: Any) -> Any:
        output, grad_fn = f(*args)
        return output, grad_fn

    return wrapper
