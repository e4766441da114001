"""Argument normalization shared by the padding, cropping and upsampling layers."""

from __future__ import annotations

from typing import Any

_ORDINALS = ("1st", "2nd", "3rd")


def standardize_tuple(
    value: Any, n: int, name: str, allow_zero: bool = False
) -> tuple[int, ...]:
    """An int or an iterable of `n` ints as a tuple of `n` ints (Keras' rules).

    Raises `ValueError` naming the argument for a wrong length, a non-integer
    entry, or a negative (or, unless `allow_zero`, zero) value.
    """
    message = (
        f"The `{name}` argument must be a tuple of {n} integers. "
        f"Received {name}={value}"
    )
    if isinstance(value, int) and not isinstance(value, bool):
        values: tuple = (value,) * n
    else:
        try:
            values = tuple(value)
        except TypeError:
            raise ValueError(message) from None
        if len(values) != n:
            raise ValueError(message)
        for item in values:
            if isinstance(item, bool) or not _is_int(item):
                raise ValueError(
                    f"{message}including element {item} of type {type(item)}"
                )
        values = tuple(int(v) for v in values)
    bad = {v for v in values if (v < 0 if allow_zero else v <= 0)}
    if bad:
        requirement = ">= 0" if allow_zero else "> 0"
        raise ValueError(
            f"{message}, including values {bad} that do not satisfy "
            f"`value {requirement}`"
        )
    return values


def standardize_pairs(
    value: Any, rank: int, name: str, description: str
) -> tuple[tuple[int, int], ...]:
    """`value` as `rank` `(before, after)` pairs, one per spatial axis.

    An int applies to both sides of every axis; a sequence of `rank` entries
    gives each axis an int (symmetric) or a pair. `description` completes the
    error message for values of the wrong type.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"`{name}` cannot be negative. Received: {name}={value}.")
        return ((value, value),) * rank
    if not hasattr(value, "__len__"):
        raise ValueError(
            f"`{name}` should be either an int, {description}. "
            f"Received: {name}={value}."
        )
    if len(value) != rank:
        count = "two" if rank == 2 else str(rank)
        raise ValueError(
            f"`{name}` should have {count} elements. Received: {name}={value}."
        )
    return tuple(
        standardize_tuple(entry, 2, f"{_ORDINALS[i]} entry of {name}", allow_zero=True)
        for i, entry in enumerate(value)
    )


def spatial_axes(rank: int, data_format: str) -> tuple[int, ...]:
    """The spatial axes of a `(batch, ..., channels)` or channels_first input."""
    first = 2 if data_format == "channels_first" else 1
    return tuple(range(first, first + rank))


def _is_int(value: Any) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True
