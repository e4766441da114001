"""Convolution and pooling ops: `keras.ops.conv`, `conv_transpose`, `depthwise_conv`,
`separable_conv`, `max_pool` and `average_pool` on `jax.lax`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from kerasish.backend import config
from kerasish.ops._dispatch import keras_op, to_tensor

IntOrSeq = int | Sequence[int]


def _spatial(value: IntOrSeq, num_spatial: int) -> tuple[int, ...]:
    if isinstance(value, int):
        return (value,) * num_spatial
    return tuple(int(v) for v in value)


def _padding(padding: Any, allowed: tuple[str, ...] = ("valid", "same")) -> str:
    if not isinstance(padding, str) or padding.lower() not in allowed:
        raise ValueError(
            f"The `padding` argument must be one of {allowed}. "
            f"Received: padding={padding}"
        )
    return padding.lower()


def _dimension_numbers(num_spatial: int, data_format: str) -> lax.ConvDimensionNumbers:
    """Keras' layouts: NHWC / NCHW inputs, `(*spatial, in, out)` kernels."""
    ndim = num_spatial + 2
    if data_format == "channels_last":
        lhs = (0, ndim - 1, *range(1, ndim - 1))
    else:
        lhs = (0, 1, *range(2, ndim))
    rhs = (ndim - 1, ndim - 2, *range(num_spatial))
    return lax.ConvDimensionNumbers(lhs_spec=lhs, rhs_spec=rhs, out_spec=lhs)


def _channels(x: jax.Array, data_format: str) -> int:
    return x.shape[-1] if data_format == "channels_last" else x.shape[1]


def _check_rank(x: jax.Array, name: str) -> int:
    if x.ndim < 3:
        raise ValueError(
            f"`{name}` expects inputs of rank 3 or more (batch, spatial..., "
            f"channels). Received: inputs.shape={tuple(x.shape)}"
        )
    return x.ndim - 2


def _check_not_empty(result: jax.Array, inputs: jax.Array) -> jax.Array:
    if result.size == 0 and inputs.size != 0:
        raise ValueError(
            "The convolution operation resulted in an empty output: the input "
            "is too small for the kernel size, strides, dilation rate and "
            f"padding. Received: inputs.shape={tuple(inputs.shape)}"
        )
    return result


@keras_op
def conv(
    inputs: Any,
    kernel: Any,
    strides: IntOrSeq = 1,
    padding: str = "valid",
    data_format: str | None = None,
    dilation_rate: IntOrSeq = 1,
) -> jax.Array:
    """General N-D convolution (cross-correlation), 1D to 3D.

    Args:
        inputs: Tensor of rank N+2, `(batch, *spatial, channels)` for
            `"channels_last"` or `(batch, channels, *spatial)`.
        kernel: Tensor `(*kernel_spatial, in_channels // groups, filters)`;
            the number of groups is `channels // kernel.shape[-2]`.
        strides: int or tuple of N ints.
        padding: `"valid"` or `"same"` (TF-style: an odd total padding puts the
            extra element at the end).
        data_format: `"channels_last"` or `"channels_first"`.
        dilation_rate: int or tuple of N ints.

    Returns:
        A tensor of rank N+2.
    """
    data_format = config.standardize_data_format(data_format)
    padding = _padding(padding)
    kernel = to_tensor(kernel)
    inputs = to_tensor(inputs).astype(kernel.dtype)
    num_spatial = _check_rank(inputs, "conv")
    channels = _channels(inputs, data_format)
    if channels % kernel.shape[-2]:
        raise ValueError(
            "The number of input channels must be evenly divisible by the "
            f"kernel's in_channels. Received: input channels={channels}, "
            f"kernel.shape={tuple(kernel.shape)}"
        )
    result = lax.conv_general_dilated(
        inputs,
        kernel,
        _spatial(strides, num_spatial),
        padding.upper(),
        rhs_dilation=_spatial(dilation_rate, num_spatial),
        dimension_numbers=_dimension_numbers(num_spatial, data_format),
        feature_group_count=channels // kernel.shape[-2],
    )
    return _check_not_empty(result, inputs)


@keras_op
def depthwise_conv(
    inputs: Any,
    kernel: Any,
    strides: IntOrSeq = 1,
    padding: str = "valid",
    data_format: str | None = None,
    dilation_rate: IntOrSeq = 1,
) -> jax.Array:
    """Depthwise N-D convolution: each input channel gets its own filters.

    Args:
        inputs: Tensor of rank N+2.
        kernel: Tensor `(*kernel_spatial, in_channels, depth_multiplier)`.
        strides: int or tuple of N ints.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` or `"channels_first"`.
        dilation_rate: int or tuple of N ints.

    Returns:
        A tensor of rank N+2 with `in_channels * depth_multiplier` channels,
        ordered channel-major (`c * depth_multiplier + m`).
    """
    data_format = config.standardize_data_format(data_format)
    padding = _padding(padding)
    kernel = to_tensor(kernel)
    inputs = to_tensor(inputs).astype(kernel.dtype)
    num_spatial = _check_rank(inputs, "depthwise_conv")
    channels = _channels(inputs, data_format)
    if channels != kernel.shape[-2]:
        raise ValueError(
            "The number of input channels must match the kernel's input "
            f"channels. Received: input channels={channels}, kernel input "
            f"channels={kernel.shape[-2]}, data_format='{data_format}'."
        )
    kernel = jnp.reshape(kernel, (*kernel.shape[:-2], 1, channels * kernel.shape[-1]))
    result = lax.conv_general_dilated(
        inputs,
        kernel,
        _spatial(strides, num_spatial),
        padding.upper(),
        rhs_dilation=_spatial(dilation_rate, num_spatial),
        dimension_numbers=_dimension_numbers(num_spatial, data_format),
        feature_group_count=channels,
    )
    return _check_not_empty(result, inputs)


@keras_op
def separable_conv(
    inputs: Any,
    depthwise_kernel: Any,
    pointwise_kernel: Any,
    strides: IntOrSeq = 1,
    padding: str = "valid",
    data_format: str | None = None,
    dilation_rate: IntOrSeq = 1,
) -> jax.Array:
    """Separable N-D convolution: a depthwise conv, then a 1x1 pointwise conv.

    Args:
        inputs: Tensor of rank N+2.
        depthwise_kernel: Tensor `(*kernel_spatial, in_channels, multiplier)`.
        pointwise_kernel: Tensor `(1, ..., in_channels * multiplier, filters)`.
        strides: int or tuple of N ints (of the depthwise step).
        padding: `"valid"` or `"same"` (of the depthwise step).
        data_format: `"channels_last"` or `"channels_first"`.
        dilation_rate: int or tuple of N ints.

    Returns:
        A tensor of rank N+2 with `filters` channels.
    """
    depthwise = depthwise_conv(
        inputs, depthwise_kernel, strides, padding, data_format, dilation_rate
    )
    return conv(
        depthwise,
        pointwise_kernel,
        strides=1,
        padding="valid",
        data_format=data_format,
        dilation_rate=dilation_rate,
    )


def transpose_padding(
    kernel_size: int,
    stride: int,
    dilation_rate: int,
    padding: str,
    output_padding: int | None,
) -> tuple[int, int]:
    """`(left, right)` padding of the stride-dilated input that gives Keras' (TF's)
    transposed-convolution output size along one axis."""
    kernel_size = (kernel_size - 1) * dilation_rate + 1
    if padding == "valid":
        if output_padding is None:
            output_padding = max(kernel_size, stride) - kernel_size
        return kernel_size - 1, kernel_size - 1 + output_padding
    if output_padding is None:
        total = stride + kernel_size - 2
    else:
        total = kernel_size + kernel_size % 2 - 2 + output_padding
    left = min(total // 2 + total % 2, kernel_size - 1)
    return left, total - left


@keras_op
def conv_transpose(
    inputs: Any,
    kernel: Any,
    strides: IntOrSeq = 1,
    padding: str = "valid",
    output_padding: IntOrSeq | None = None,
    data_format: str | None = None,
    dilation_rate: IntOrSeq = 1,
) -> jax.Array:
    """General N-D transposed convolution (a.k.a. deconvolution).

    The output size along each spatial axis follows TF: with `"valid"`,
    `(in - 1) * stride + max(k, stride)`; with `"same"`, `in * stride`; an
    explicit `output_padding` gives `(in - 1) * stride + k + output_padding`
    (`"valid"`) or `(in - 1) * stride + k % 2 + output_padding` (`"same"`),
    where `k` is the dilated kernel size.

    Args:
        inputs: Tensor of rank N+2.
        kernel: Tensor `(*kernel_spatial, filters, in_channels)`.
        strides: int or tuple of N ints.
        padding: `"valid"` or `"same"`.
        output_padding: None, int or tuple of N ints, each `< stride`.
        data_format: `"channels_last"` or `"channels_first"`.
        dilation_rate: int or tuple of N ints.

    Returns:
        A tensor of rank N+2 with `filters` channels.
    """
    data_format = config.standardize_data_format(data_format)
    padding = _padding(padding)
    kernel = to_tensor(kernel)
    inputs = to_tensor(inputs).astype(kernel.dtype)
    num_spatial = _check_rank(inputs, "conv_transpose")
    channels = _channels(inputs, data_format)
    if channels != kernel.shape[-1]:
        raise ValueError(
            "The number of input channels must match the kernel's input "
            f"channels. Received: input channels={channels}, kernel input "
            f"channels={kernel.shape[-1]}, data_format='{data_format}'."
        )
    strides = _spatial(strides, num_spatial)
    dilation = _spatial(dilation_rate, num_spatial)
    if output_padding is None or isinstance(output_padding, int):
        out_pad = (output_padding,) * num_spatial
    else:
        out_pad = tuple(output_padding)
    pads = [
        transpose_padding(k, s, d, padding, p)
        for k, s, d, p in zip(
            kernel.shape[:-2], strides, dilation, out_pad, strict=True
        )
    ]
    # The kernel is `(*spatial, out, in)`; `transpose_kernel=True` swaps the
    # in/out axes given by the forward-conv dimension numbers and flips space.
    return lax.conv_transpose(
        inputs,
        kernel,
        strides,
        pads,
        rhs_dilation=dilation,
        dimension_numbers=_dimension_numbers(num_spatial, data_format),
        transpose_kernel=True,
    )


def _window(
    inputs: jax.Array,
    pool_size: IntOrSeq,
    strides: IntOrSeq | None,
    data_format: str,
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Full-rank window dims and strides (1 on the batch and channel axes)."""
    num_spatial = _check_rank(inputs, "pooling")
    size = _spatial(pool_size, num_spatial)
    step = size if strides is None else _spatial(strides, num_spatial)
    if data_format == "channels_last":
        return (1, *size, 1), (1, *step, 1)
    return (1, 1, *size), (1, 1, *step)


def _lowest(dtype: Any) -> np.ndarray:
    # A concrete NumPy init value lets `lax.reduce_window` recognise the max
    # monoid (differentiable under jit); a traced one falls back to a generic,
    # non-differentiable reduction.
    if jnp.issubdtype(dtype, jnp.floating):
        return np.array(-np.inf, dtype)
    return np.array(np.iinfo(dtype).min, dtype)


@keras_op
def max_pool(
    inputs: Any,
    pool_size: IntOrSeq,
    strides: IntOrSeq | None = None,
    padding: str = "valid",
    data_format: str | None = None,
) -> jax.Array:
    """Max pooling over the spatial axes.

    Args:
        inputs: Tensor of rank N+2.
        pool_size: int or tuple of N ints.
        strides: int or tuple of N ints; None means `pool_size`.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` or `"channels_first"`.

    Returns:
        A tensor of rank N+2.
    """
    data_format = config.standardize_data_format(data_format)
    padding = _padding(padding)
    inputs = to_tensor(inputs)
    window, step = _window(inputs, pool_size, strides, data_format)
    return lax.reduce_window(
        inputs, _lowest(inputs.dtype), lax.max, window, step, padding.upper()
    )


@keras_op
def average_pool(
    inputs: Any,
    pool_size: IntOrSeq,
    strides: IntOrSeq | None = None,
    padding: str = "valid",
    data_format: str | None = None,
) -> jax.Array:
    """Average pooling over the spatial axes.

    With `padding="same"` each window sum is divided by the number of real
    (unpadded) elements in the window, as Keras does.

    Args:
        inputs: Tensor of rank N+2.
        pool_size: int or tuple of N ints.
        strides: int or tuple of N ints; None means `pool_size`.
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` or `"channels_first"`.

    Returns:
        A tensor of rank N+2.
    """
    data_format = config.standardize_data_format(data_format)
    padding = _padding(padding)
    inputs = to_tensor(inputs)
    window, step = _window(inputs, pool_size, strides, data_format)
    zero = np.array(0, inputs.dtype)
    summed = lax.reduce_window(inputs, zero, lax.add, window, step, padding.upper())
    if padding == "valid":
        return summed / jnp.array(math.prod(window), inputs.dtype)
    # Counts depend only on the spatial shape: pool a ones array that is
    # broadcastable along the axes with window 1 (XLA folds it to a constant).
    ones_shape = [d if w != 1 else 1 for d, w in zip(inputs.shape, window, strict=True)]
    counts = lax.reduce_window(
        jnp.ones(ones_shape, inputs.dtype), zero, lax.add, window, step, "SAME"
    )
    return summed / counts
