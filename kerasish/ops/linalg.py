"""`keras.ops.linalg`: norms, inverses, decompositions and solvers over `jnp.linalg`."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import jax.scipy.linalg as jsl

from kerasish.ops._dispatch import axis_arg, keras_op, promote, to_float


@keras_op
def norm(
    x: Any, ord: Any = None, axis: Any = None, keepdims: bool = False
) -> jax.Array:  # noqa: A002
    """Vector or matrix norm (integer inputs give `floatx()`).

    Args:
        x: Input tensor.
        ord: Norm order (`None` is the 2-norm / Frobenius norm).
        axis: Axis (vector norm) or pair of axes (matrix norm); `None` = all.
        keepdims: Keep the reduced axes as size 1.

    Returns:
        The norm.
    """
    x = to_float(x)
    axis = axis_arg(axis)
    if axis is None and ord is None:
        return jnp.sqrt(jnp.sum(jnp.square(x), keepdims=keepdims))
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


@keras_op
def inv(x: Any) -> jax.Array:
    """Matrix inverse."""
    return jnp.linalg.inv(to_float(x))


@keras_op
def pinv(x: Any, rcond: float | None = None) -> jax.Array:
    """Moore-Penrose pseudo-inverse."""
    return jnp.linalg.pinv(to_float(x), rtol=rcond)


@keras_op
def det(x: Any) -> jax.Array:
    """Matrix determinant."""
    return jnp.linalg.det(to_float(x))


@keras_op
def slogdet(x: Any) -> tuple[jax.Array, jax.Array]:
    """Sign and log of the absolute determinant."""
    return tuple(jnp.linalg.slogdet(to_float(x)))


@keras_op
def solve(a: Any, b: Any) -> jax.Array:
    """Solves `a @ x = b`."""
    a, b = (to_float(v) for v in promote(a, b))
    return jnp.linalg.solve(a, b)


@keras_op
def solve_triangular(a: Any, b: Any, lower: bool = False) -> jax.Array:
    """Solves `a @ x = b` for a triangular `a`."""
    a, b = (to_float(v) for v in promote(a, b))
    return jsl.solve_triangular(a, b, lower=lower)


@keras_op
def lstsq(a: Any, b: Any, rcond: float | None = None) -> jax.Array:
    """Least-squares solution of `a @ x = b`."""
    a, b = (to_float(v) for v in promote(a, b))
    return jnp.linalg.lstsq(a, b, rcond=rcond)[0]


@keras_op
def cholesky(x: Any, upper: bool = False) -> jax.Array:
    """Cholesky factor (lower triangular unless `upper=True`)."""
    factor = jnp.linalg.cholesky(to_float(x))
    return jnp.swapaxes(factor, -1, -2).conj() if upper else factor


@keras_op
def qr(x: Any, mode: str = "reduced") -> tuple[jax.Array, jax.Array]:
    """QR decomposition: returns `(q, r)`."""
    if mode not in {"reduced", "complete"}:
        raise ValueError(
            "`mode` argument value not supported. Expected one of "
            f"{{'reduced', 'complete'}}. Received: mode={mode}"
        )
    return tuple(jnp.linalg.qr(to_float(x), mode=mode))


@keras_op
def svd(x: Any, full_matrices: bool = True, compute_uv: bool = True) -> Any:
    """Singular value decomposition: `(u, s, vh)`, or `s` alone."""
    result = jnp.linalg.svd(
        to_float(x), full_matrices=full_matrices, compute_uv=compute_uv
    )
    return tuple(result) if compute_uv else result


@keras_op
def eigh(x: Any) -> tuple[jax.Array, jax.Array]:
    """Eigenvalues and eigenvectors of a Hermitian matrix."""
    return tuple(jnp.linalg.eigh(to_float(x)))


@keras_op
def eig(x: Any) -> tuple[jax.Array, jax.Array]:
    """Eigenvalues and eigenvectors of a square matrix (CPU only on JAX)."""
    return tuple(jnp.linalg.eig(to_float(x)))


@keras_op
def matrix_rank(x: Any, tol: float | None = None) -> jax.Array:
    """Matrix rank via SVD."""
    return jnp.linalg.matrix_rank(to_float(x), rtol=tol)
