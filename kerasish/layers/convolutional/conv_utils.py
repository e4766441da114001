"""Argument checks and output-shape rules shared by convolution and pooling layers."""

from __future__ import annotations

from typing import Any

from kerasish.ops.convolution import transpose_padding


def standardize_tuple(
    value: Any, n: int, name: str, allow_zero: bool = False
) -> tuple[int, ...]:
    """An int or `n` ints as a tuple of `n` positive (or non-negative) ints."""
    error = (
        f"The `{name}` argument must be a tuple of {n} integers. "
        f"Received {name}={value}"
    )
    if isinstance(value, int) and not isinstance(value, bool):
        result = (value,) * n
    else:
        try:
            result = tuple(value)
        except TypeError:
            raise ValueError(error) from None
        if len(result) != n or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in result
        ):
            raise ValueError(error)
    bad = {v for v in result if v < 0 or (v == 0 and not allow_zero)}
    if bad:
        requirement = ">= 0" if allow_zero else "> 0"
        raise ValueError(
            f"{error}, including values {bad} that do not satisfy `value {requirement}`"
        )
    return result


def standardize_padding(value: Any, allow_causal: bool = False) -> str:
    """`"valid"`/`"same"` (or `"causal"`), lower-cased; anything else raises."""
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    if not isinstance(value, str) or value.lower() not in allowed:
        raise ValueError(
            f"The `padding` argument must be one of {allowed}. "
            f"Received: padding={value}"
        )
    return value.lower()


def spatial_dims(input_shape: tuple, data_format: str) -> tuple:
    """The spatial part of `input_shape` (None for unknown sizes)."""
    if data_format == "channels_last":
        return tuple(input_shape[1:-1])
    return tuple(input_shape[2:])


def check_rank(layer: Any, input_shape: tuple, rank: int) -> None:
    """Raises when `input_shape` is not `(batch, *rank spatial dims, channels)`."""
    if len(input_shape) != rank + 2:
        raise ValueError(
            f"Layer '{layer.name}' ({layer.__class__.__name__}) expects inputs "
            f"of rank {rank + 2} (batch, {rank} spatial dims, channels). "
            f"Received: input_shape={tuple(input_shape)}"
        )


def with_spatial(
    input_shape: tuple, spatial: tuple, channels: Any, data_format: str
) -> tuple:
    """`input_shape` with its spatial dims and channel count replaced."""
    if data_format == "channels_last":
        return (input_shape[0], *spatial, channels)
    return (input_shape[0], channels, *spatial)


def conv_output_shape(
    layer: Any,
    input_shape: tuple,
    channels: Any,
    kernel_size: tuple,
    strides: tuple,
    padding: str,
    dilation_rate: tuple,
    data_format: str,
) -> tuple:
    """Keras' conv output shape: `valid` floor((in - d*(k-1) - 1)/s) + 1,
    `same`/`causal` ceil(in/s); a non-positive size raises, naming the layer."""
    out = []
    for size, k, s, d in zip(
        spatial_dims(input_shape, data_format),
        kernel_size,
        strides,
        dilation_rate,
        strict=True,
    ):
        if size is None:
            out.append(None)
        elif padding == "valid":
            out.append((size - d * (k - 1) - 1) // s + 1)
        else:
            out.append((size - 1) // s + 1)
    if any(v is not None and v <= 0 for v in out):
        raise ValueError(
            f"Layer '{layer.name}': computed output size would be zero or "
            f"negative: the input is smaller than the (dilated) kernel with "
            f'padding="{padding}". Received: input_shape={tuple(input_shape)}, '
            f"kernel_size={kernel_size}, strides={strides}, "
            f"dilation_rate={dilation_rate}"
        )
    return with_spatial(input_shape, tuple(out), channels, data_format)


def conv_transpose_output_shape(
    input_shape: tuple,
    filters: int,
    kernel_size: tuple,
    strides: tuple,
    padding: str,
    output_padding: tuple | None,
    dilation_rate: tuple,
    data_format: str,
) -> tuple:
    """TF's transposed-convolution output shape (see `ops.conv_transpose`)."""
    out = []
    for i, size in enumerate(spatial_dims(input_shape, data_format)):
        if size is None:
            out.append(None)
            continue
        pad = None if output_padding is None else output_padding[i]
        k, s, d = kernel_size[i], strides[i], dilation_rate[i]
        left, right = transpose_padding(k, s, d, padding, pad)
        dilated = (k - 1) * d + 1
        out.append((size - 1) * s + 1 + left + right - dilated + 1)
    return with_spatial(input_shape, tuple(out), filters, data_format)


def pooling_output_shape(
    layer: Any,
    input_shape: tuple,
    pool_size: tuple,
    strides: tuple,
    padding: str,
    data_format: str,
) -> tuple:
    """Keras' pooling output shape; a non-positive size raises, naming the layer."""
    out = []
    for size, p, s in zip(
        spatial_dims(input_shape, data_format), pool_size, strides, strict=True
    ):
        if size is None:
            out.append(None)
        elif padding == "valid":
            out.append((size - p) // s + 1)
        else:
            out.append((size - 1) // s + 1)
    if any(v is not None and v <= 0 for v in out):
        raise ValueError(
            f"Layer '{layer.name}': computed output size would be zero or "
            f"negative: the input is smaller than `pool_size` with "
            f'padding="{padding}". Received: input_shape={tuple(input_shape)}, '
            f"pool_size={pool_size}, strides={strides}"
        )
    channels = input_shape[-1] if data_format == "channels_last" else input_shape[1]
    return with_spatial(input_shape, tuple(out), channels, data_format)
