"""Element-wise `keras.ops.numpy` ops: unary math, binary arithmetic, comparisons.

Most are thin `jax.numpy` wrappers built by two small factories. Binary ops
first promote both arguments to Keras' result dtype (JAX standard promotion,
Python scalars weak), so they also run under strict dtype promotion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp

from kerasish.ops._dispatch import keras_op, promote, to_float, to_tensor


def _unary(fn: Callable, name: str, doc: str, float_only: bool = False) -> Callable:
    convert = to_float if float_only else to_tensor

    def op(x: Any) -> jax.Array:
        return fn(convert(x))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = (
        f"{doc}\n\n    Args:\n        x: Input tensor.\n\n"
        "    Returns:\n        Output tensor, element-wise.\n    "
    )
    return keras_op(op)


def _binary(
    fn: Callable, name: str, doc: str, float_only: bool = False, args=("x1", "x2")
) -> Callable:
    def compute(a: Any, b: Any) -> jax.Array:
        a, b = promote(a, b)
        if float_only:
            a, b = to_float(a), to_float(b)
        return fn(a, b)

    if args == ("x1", "x2"):

        def op(x1: Any, x2: Any) -> jax.Array:
            return compute(x1, x2)

    else:

        def op(x: Any, y: Any) -> jax.Array:
            return compute(x, y)

    op.__name__ = op.__qualname__ = name
    op.__doc__ = (
        f"{doc}\n\n    Args:\n        {args[0]}: First input tensor.\n"
        f"        {args[1]}: Second input tensor.\n\n"
        "    Returns:\n        Output tensor, element-wise.\n    "
    )
    return keras_op(op)


abs = _unary(jnp.abs, "abs", "Computes the absolute value element-wise.")  # noqa: A001
absolute = _unary(jnp.abs, "absolute", "Computes the absolute value element-wise.")
fabs = _unary(jnp.fabs, "fabs", "Absolute value, as floats.", float_only=True)
negative = _unary(jnp.negative, "negative", "Numerical negative, element-wise.")
sign = _unary(jnp.sign, "sign", "Returns the sign of each element.")
signbit = _unary(jnp.signbit, "signbit", "True where the sign bit is set.")
square = _unary(jnp.square, "square", "Returns the square of each element.")
sqrt = _unary(jnp.sqrt, "sqrt", "Square root, element-wise.", float_only=True)
cbrt = _unary(jnp.cbrt, "cbrt", "Cube root, element-wise.", float_only=True)
reciprocal = _unary(
    jnp.reciprocal, "reciprocal", "Returns `1 / x`, element-wise.", float_only=True
)
exp = _unary(jnp.exp, "exp", "Exponential, element-wise.", float_only=True)
exp2 = _unary(jnp.exp2, "exp2", "`2 ** x`, element-wise.", float_only=True)
expm1 = _unary(jnp.expm1, "expm1", "`exp(x) - 1`, element-wise.", float_only=True)
log = _unary(jnp.log, "log", "Natural logarithm, element-wise.", float_only=True)
log1p = _unary(jnp.log1p, "log1p", "`log(1 + x)`, element-wise.", float_only=True)
log2 = _unary(jnp.log2, "log2", "Base-2 logarithm, element-wise.", float_only=True)
log10 = _unary(jnp.log10, "log10", "Base-10 logarithm.", float_only=True)
sin = _unary(jnp.sin, "sin", "Trigonometric sine.", float_only=True)
cos = _unary(jnp.cos, "cos", "Trigonometric cosine.", float_only=True)
tan = _unary(jnp.tan, "tan", "Trigonometric tangent.", float_only=True)
arcsin = _unary(jnp.arcsin, "arcsin", "Inverse sine.", float_only=True)
arccos = _unary(jnp.arccos, "arccos", "Inverse cosine.", float_only=True)
arctan = _unary(jnp.arctan, "arctan", "Inverse tangent.", float_only=True)
sinh = _unary(jnp.sinh, "sinh", "Hyperbolic sine.", float_only=True)
cosh = _unary(jnp.cosh, "cosh", "Hyperbolic cosine.", float_only=True)
tanh = _unary(jnp.tanh, "tanh", "Hyperbolic tangent.", float_only=True)
arcsinh = _unary(jnp.arcsinh, "arcsinh", "Inverse hyperbolic sine.", float_only=True)
arccosh = _unary(jnp.arccosh, "arccosh", "Inverse hyperbolic cosine.", float_only=True)
arctanh = _unary(jnp.arctanh, "arctanh", "Inverse hyperbolic tangent.", float_only=True)
deg2rad = _unary(jnp.deg2rad, "deg2rad", "Degrees to radians.", float_only=True)
rad2deg = _unary(jnp.rad2deg, "rad2deg", "Radians to degrees.", float_only=True)
sinc = _unary(jnp.sinc, "sinc", "Normalized sinc function.", float_only=True)
i0 = _unary(jnp.i0, "i0", "Modified Bessel function of order 0.", float_only=True)
# Keras returns floats from floor/ceil even for integer inputs.
floor = _unary(jnp.floor, "floor", "Floor, element-wise.", float_only=True)
ceil = _unary(jnp.ceil, "ceil", "Ceiling, element-wise.", float_only=True)
trunc = _unary(jnp.trunc, "trunc", "Truncates toward zero, element-wise.")
isnan = _unary(jnp.isnan, "isnan", "True where `x` is NaN.")
isinf = _unary(jnp.isinf, "isinf", "True where `x` is +/- infinity.")
isfinite = _unary(jnp.isfinite, "isfinite", "True where `x` is finite.")
isneginf = _unary(jnp.isneginf, "isneginf", "True where `x` is -infinity.")
isposinf = _unary(jnp.isposinf, "isposinf", "True where `x` is +infinity.")
isreal = _unary(jnp.isreal, "isreal", "True where `x` has no imaginary part.")
logical_not = _unary(jnp.logical_not, "logical_not", "Logical NOT, element-wise.")
conj = _unary(jnp.conj, "conj", "Complex conjugate, element-wise.")
conjugate = _unary(jnp.conjugate, "conjugate", "Complex conjugate, element-wise.")
real = _unary(jnp.real, "real", "Real part, element-wise.")
imag = _unary(jnp.imag, "imag", "Imaginary part, element-wise.")
angle = _unary(jnp.angle, "angle", "Complex argument, element-wise.")
copy = _unary(jnp.array, "copy", "Returns a copy of `x`.")
bitwise_invert = _unary(jnp.invert, "bitwise_invert", "Bitwise NOT.")
bitwise_not = _unary(jnp.invert, "bitwise_not", "Bitwise NOT.")

add = _binary(jnp.add, "add", "Adds arguments element-wise.")
subtract = _binary(jnp.subtract, "subtract", "Subtracts arguments element-wise.")
multiply = _binary(jnp.multiply, "multiply", "Multiplies arguments element-wise.")
divide = _binary(jnp.true_divide, "divide", "Divides element-wise.", float_only=True)
true_divide = _binary(
    jnp.true_divide, "true_divide", "Divides element-wise.", float_only=True
)
floor_divide = _binary(jnp.floor_divide, "floor_divide", "Floor division.")
power = _binary(jnp.power, "power", "`x1 ** x2`, element-wise.")
mod = _binary(jnp.mod, "mod", "Remainder of division, element-wise.")
fmod = _binary(jnp.fmod, "fmod", "C-style remainder, element-wise.")
maximum = _binary(jnp.maximum, "maximum", "Element-wise maximum.")
minimum = _binary(jnp.minimum, "minimum", "Element-wise minimum.")
fmax = _binary(jnp.fmax, "fmax", "Element-wise maximum, ignoring NaNs.")
fmin = _binary(jnp.fmin, "fmin", "Element-wise minimum, ignoring NaNs.")
arctan2 = _binary(jnp.arctan2, "arctan2", "Quadrant-aware `arctan(x1/x2)`.", True)
hypot = _binary(jnp.hypot, "hypot", "`sqrt(x1**2 + x2**2)`.", float_only=True)
logaddexp = _binary(jnp.logaddexp, "logaddexp", "`log(exp(x1) + exp(x2))`.", True)
logaddexp2 = _binary(jnp.logaddexp2, "logaddexp2", "Base-2 `logaddexp`.", True)
heaviside = _binary(jnp.heaviside, "heaviside", "Heaviside step function.")
nextafter = _binary(jnp.nextafter, "nextafter", "Next float after `x1` toward `x2`.")
gcd = _binary(jnp.gcd, "gcd", "Greatest common divisor.")
lcm = _binary(jnp.lcm, "lcm", "Least common multiple.")
equal = _binary(jnp.equal, "equal", "`x1 == x2`, element-wise.")
not_equal = _binary(jnp.not_equal, "not_equal", "`x1 != x2`, element-wise.")
less = _binary(jnp.less, "less", "`x1 < x2`, element-wise.")
less_equal = _binary(jnp.less_equal, "less_equal", "`x1 <= x2`, element-wise.")
greater = _binary(jnp.greater, "greater", "`x1 > x2`, element-wise.")
greater_equal = _binary(jnp.greater_equal, "greater_equal", "`x1 >= x2`.")
logical_and = _binary(jnp.logical_and, "logical_and", "Logical AND.")
logical_or = _binary(jnp.logical_or, "logical_or", "Logical OR.")
logical_xor = _binary(jnp.logical_xor, "logical_xor", "Logical XOR.")
_XY = ("x", "y")
bitwise_and = _binary(jnp.bitwise_and, "bitwise_and", "Bitwise AND.", args=_XY)
bitwise_or = _binary(jnp.bitwise_or, "bitwise_or", "Bitwise OR.", args=_XY)
bitwise_xor = _binary(jnp.bitwise_xor, "bitwise_xor", "Bitwise XOR.", args=_XY)
bitwise_left_shift = _binary(
    jnp.left_shift, "bitwise_left_shift", "`x << y`.", args=_XY
)
bitwise_right_shift = _binary(
    jnp.right_shift, "bitwise_right_shift", "`x >> y`.", args=_XY
)
left_shift = _binary(jnp.left_shift, "left_shift", "`x << y`.", args=_XY)
right_shift = _binary(jnp.right_shift, "right_shift", "`x >> y`.", args=_XY)


@keras_op
def round(x: Any, decimals: int = 0) -> jax.Array:  # noqa: A001
    """Rounds to the given number of decimals (half to even, like NumPy).

    Args:
        x: Input tensor.
        decimals: Number of decimal places.

    Returns:
        Output tensor.
    """
    return jnp.round(to_tensor(x), decimals)


@keras_op
def ldexp(x1: Any, x2: Any) -> jax.Array:
    """Returns `x1 * 2 ** x2` (`x2` must be integer)."""
    x1 = to_float(x1)
    return jnp.ldexp(x1, to_tensor(x2).astype("int32")).astype(x1.dtype)


@keras_op
def divide_no_nan(x1: Any, x2: Any) -> jax.Array:
    """Safe division: returns 0 where the denominator is 0.

    Args:
        x1: Numerator.
        x2: Denominator.

    Returns:
        `x1 / x2`, with 0 wherever `x2 == 0`.
    """
    x1, x2 = (to_float(v) for v in promote(x1, x2))
    safe = jnp.where(x2 == 0, jnp.ones_like(x2), x2)
    return jnp.where(x2 == 0, jnp.zeros_like(x1), x1 / safe)


@keras_op
def nan_to_num(
    x: Any, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
) -> jax.Array:
    """Replaces NaN and infinities by finite numbers.

    Args:
        x: Input tensor.
        nan: Value for NaN entries.
        posinf: Value for +inf (default: the dtype's largest value).
        neginf: Value for -inf (default: the dtype's lowest value).

    Returns:
        Output tensor.
    """
    return jnp.nan_to_num(to_tensor(x), nan=nan, posinf=posinf, neginf=neginf)


@keras_op
def clip(x: Any, x_min: Any, x_max: Any) -> jax.Array:
    """Clips values to `[x_min, x_max]`.

    Args:
        x: Input tensor.
        x_min: Lower bound.
        x_max: Upper bound.

    Returns:
        The clipped tensor (dtype promoted with the bounds, as in Keras).
    """
    x = to_tensor(x)
    if x.dtype == jnp.bool_:
        x = x.astype("int32")
    x, lo, hi = promote(x, x_min, x_max)
    return jnp.clip(x, lo, hi)


@keras_op
def where(condition: Any, x1: Any = None, x2: Any = None) -> Any:
    """Picks `x1` where `condition` is true, else `x2`.

    Args:
        condition: Boolean tensor.
        x1: Values where `condition` is true.
        x2: Values where `condition` is false.

    Returns:
        A tensor of the promoted dtype of `x1` and `x2`; with neither given,
        the indices of the true elements (like `nonzero`).
    """
    condition = to_tensor(condition)
    if x1 is None and x2 is None:
        return jnp.nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError(
            "`x1` and `x2` either both should be `None` or both should have "
            f"non-None value. Received: x1={x1}, x2={x2}"
        )
    x1, x2 = promote(x1, x2)
    return jnp.where(condition.astype(bool), x1, x2)
