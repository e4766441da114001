"""Global Keras settings: floatx, epsilon, image data format, backend name."""

from __future__ import annotations

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"


def floatx() -> str:
    """Returns the default float type, as a string (`"float32"` by default)."""
    return _FLOATX


def set_floatx(value: str) -> None:
    """Sets the default float type (`"float16"`, `"float32"`, ...)."""
    global _FLOATX
    accepted = {"bfloat16", "float16", "float32", "float64"}
    if value not in accepted:
        raise ValueError(
            f"Unknown `floatx` value: {value}. Expected one of {sorted(accepted)}"
        )
    _FLOATX = str(value)


def epsilon() -> float:
    """Returns the fuzz factor used in numeric expressions (1e-7 by default)."""
    return _EPSILON


def set_epsilon(value: float) -> None:
    """Sets the fuzz factor used in numeric expressions."""
    global _EPSILON
    _EPSILON = float(value)


def image_data_format() -> str:
    """Returns the default image data format (`"channels_last"` by default)."""
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format: str) -> None:
    """Sets the default image data format (`"channels_last"` or `"channels_first"`)."""
    global _IMAGE_DATA_FORMAT
    data_format = str(data_format).lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError(
            "The `data_format` argument must be one of {'channels_first', "
            f"'channels_last'}}. Received: data_format={data_format}"
        )
    _IMAGE_DATA_FORMAT = data_format


def backend() -> str:
    """Returns the backend name: always `"jax"`."""
    return "jax"


def standardize_data_format(data_format: str | None) -> str:
    """Resolves `None` to the global image data format and validates the value."""
    if data_format is None:
        return image_data_format()
    data_format = str(data_format).lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError(
            "The `data_format` argument must be one of {'channels_first', "
            f"'channels_last'}}. Received: data_format={data_format}"
        )
    return data_format
