"""Image files and arrays: `load_img`, `img_to_array`, `array_to_img`, `save_img`."""

from __future__ import annotations

import io
import pathlib
import warnings
from typing import Any

import numpy as np

from kerasish.backend import config

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")


def _pil_image(function: str) -> Any:
    """`PIL.Image`, or Keras' ImportError (plus the install command) without it."""
    try:
        from PIL import Image
    except ImportError as error:
        raise ImportError(
            f"Could not import PIL.Image. The use of `{function}` requires PIL. "
            "Install Pillow with `pip install kerasish[image]` (or `pip install "
            "pillow`)."
        ) from error
    return Image


def _resampling(image_module: Any, interpolation: str) -> Any:
    methods = getattr(image_module, "Resampling", image_module)
    return getattr(methods, interpolation.upper())


def array_to_img(
    x: Any, data_format: str | None = None, scale: bool = True, dtype: Any = None
) -> Any:
    """Converts a 3D NumPy array to a PIL Image instance.

    Args:
        x: Input data, in any form that can be converted to a NumPy array.
        data_format: `"channels_first"` or `"channels_last"`. Defaults to
            `keras.config.image_data_format()`.
        scale: Whether to rescale the image such that minimum and maximum
            values are 0 and 255 respectively.
        dtype: Dtype to use. Defaults to `keras.config.floatx()`.

    Returns:
        A PIL Image instance: RGBA, RGB or grayscale (`"L"`, or `"I"` when a
        single-channel image has values above 255).

    Raises:
        ImportError: if Pillow is not installed.
        ValueError: if `x` is not rank 3 or has not 1, 3 or 4 channels.

    Example:

    ```python
    img = np.random.random(size=(100, 100, 3))
    pil_img = keras.utils.array_to_img(img)
    ```
    """
    data_format = config.standardize_data_format(data_format)
    if dtype is None:
        dtype = config.floatx()
    image = _pil_image("array_to_img")
    x = np.asarray(x, dtype=dtype)
    if x.ndim != 3:
        raise ValueError(
            "Expected image array to have rank 3 (single image). "
            f"Got array with shape: {x.shape}"
        )
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        x_max = np.max(x)
        if x_max != 0:
            x /= x_max
        x *= 255
    channels = x.shape[2]
    if channels == 4:
        return image.fromarray(x.astype("uint8"), "RGBA")
    if channels == 3:
        return image.fromarray(x.astype("uint8"), "RGB")
    if channels == 1:
        if np.max(x) > 255:
            # 32-bit signed integer grayscale image: PIL mode "I".
            return image.fromarray(x[:, :, 0].astype("int32"), "I")
        return image.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(f"Unsupported channel number: {channels}")


def img_to_array(img: Any, data_format: str | None = None, dtype: Any = None) -> Any:
    """Converts a PIL Image instance to a 3D NumPy array.

    Args:
        img: Input PIL Image instance.
        data_format: `"channels_first"` or `"channels_last"`. Defaults to
            `keras.config.image_data_format()`.
        dtype: Dtype to use. Defaults to `keras.config.floatx()`.

    Returns:
        A 3D NumPy array, `(height, width, channels)` for `channels_last`;
        grayscale images get a channel axis of size 1.

    Raises:
        ValueError: if the image does not convert to a 2D or 3D array.

    Example:

    ```python
    img = keras.utils.load_img(path)
    array = keras.utils.img_to_array(img)
    ```
    """
    data_format = config.standardize_data_format(data_format)
    if dtype is None:
        dtype = config.floatx()
    x = np.asarray(img, dtype=dtype)
    if x.ndim == 3:
        if data_format == "channels_first":
            x = x.transpose(2, 0, 1)
    elif x.ndim == 2:
        if data_format == "channels_first":
            x = x.reshape((1, x.shape[0], x.shape[1]))
        else:
            x = x.reshape((x.shape[0], x.shape[1], 1))
    else:
        raise ValueError(f"Unsupported image shape: {x.shape}")
    return x


def save_img(
    path: Any,
    x: Any,
    data_format: str | None = None,
    file_format: str | None = None,
    scale: bool = True,
    **kwargs: Any,
) -> None:
    """Saves an image stored as a NumPy array to a path or file object.

    Args:
        path: Path or file object.
        x: NumPy array.
        data_format: `"channels_first"` or `"channels_last"`.
        file_format: Optional file format override. If omitted, the format is
            taken from the filename extension (`jpg` means `jpeg`). A file
            object needs it.
        scale: Whether to rescale image values to be within `[0, 255]`.
        **kwargs: Additional keyword arguments passed to `PIL.Image.save()`.

    Raises:
        ImportError: if Pillow is not installed.
    """
    data_format = config.standardize_data_format(data_format)
    if file_format is None and isinstance(path, str | pathlib.Path):
        file_format = pathlib.Path(path).suffix[1:].lower()
    if file_format and file_format.lower() == "jpg":
        file_format = "jpeg"
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and file_format == "jpeg":
        warnings.warn(
            "The JPEG format does not support RGBA images, converting to RGB.",
            stacklevel=2,
        )
        img = img.convert("RGB")
    img.save(path, format=file_format, **kwargs)


def load_img(
    path: Any,
    color_mode: str = "rgb",
    target_size: tuple[int, int] | None = None,
    interpolation: str = "nearest",
    keep_aspect_ratio: bool = False,
) -> Any:
    """Loads an image into PIL format.

    Args:
        path: Path to image file (str, bytes or `pathlib.Path`) or an
            `io.BytesIO`.
        color_mode: One of `"grayscale"`, `"rgb"`, `"rgba"`. The desired image
            format.
        target_size: `None` (original size) or `(img_height, img_width)`.
        interpolation: Resampling method when resizing: `"nearest"`,
            `"bilinear"`, `"bicubic"`, `"lanczos"`, `"box"` or `"hamming"`.
        keep_aspect_ratio: Whether to resize without aspect ratio distortion:
            the image is cropped in the center to the target aspect ratio
            before resizing.

    Returns:
        A PIL Image instance.

    Raises:
        ImportError: if Pillow is not installed.
        TypeError: if `path` is neither path-like nor `io.BytesIO`.
        ValueError: for an unknown `color_mode` or `interpolation`.

    Example:

    ```python
    image = keras.utils.load_img(image_path, target_size=(180, 180))
    input_arr = np.array([keras.utils.img_to_array(image)])
    predictions = model.predict(input_arr)
    ```
    """
    image = _pil_image("load_img")
    if isinstance(path, io.BytesIO):
        img = image.open(path)
    elif isinstance(path, pathlib.Path | bytes | str):
        if isinstance(path, pathlib.Path):
            path = str(path.resolve())
        with open(path, "rb") as f:
            img = image.open(io.BytesIO(f.read()))
    else:
        raise TypeError(f"path should be path-like or io.BytesIO, not {type(path)}")
    img = _convert_color(img, color_mode)
    if target_size is None:
        return img
    size = (target_size[1], target_size[0])  # PIL sizes are (width, height)
    if img.size == size:
        return img
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(
            f"Invalid interpolation method {interpolation} specified. Supported "
            f"methods are {', '.join(_INTERPOLATIONS)}"
        )
    resample = _resampling(image, interpolation)
    if keep_aspect_ratio:
        return img.resize(size, resample, box=_center_crop_box(img.size, size))
    return img.resize(size, resample)


def _convert_color(img: Any, color_mode: str) -> Any:
    if color_mode == "grayscale":
        # 8-, 16- and 32-bit grayscale images are kept as they are.
        return img if img.mode in ("L", "I;16", "I") else img.convert("L")
    if color_mode == "rgba":
        return img if img.mode == "RGBA" else img.convert("RGBA")
    if color_mode == "rgb":
        return img if img.mode == "RGB" else img.convert("RGB")
    raise ValueError('color_mode must be "grayscale", "rgb", or "rgba"')


def _center_crop_box(size: tuple, target: tuple) -> list[int]:
    """The largest centered `(left, top, right, bottom)` box with the aspect
    ratio of `target` (both sizes as `(width, height)`)."""
    width, height = size
    target_width, target_height = target
    crop_height = min(height, (width * target_height) // target_width)
    crop_width = min(width, (height * target_width) // target_height)
    top = (height - crop_height) // 2
    left = (width - crop_width) // 2
    return [left, top, left + crop_width, top + crop_height]
