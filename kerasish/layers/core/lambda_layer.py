"""`Lambda`: wraps an arbitrary function of the inputs as a layer."""

from __future__ import annotations

import builtins
import codecs
import inspect
import marshal
import types
from typing import Any

import numpy as np

from kerasish.core import shapes
from kerasish.layers.layer import Layer
from kerasish.saving import serialization_lib


class Lambda(Layer):
    """Wraps arbitrary expressions as a `Layer` object.

    The `Lambda` layer lets arbitrary expressions be used as a layer in
    Sequential and Functional models. It is best for simple operations or
    quick experiments; for anything else, subclass `Layer`.

    WARNING: a Python `lambda` is saved as marshalled bytecode, which is
    non-portable and unsafe to load: `from_config` refuses it unless
    `safe_mode=False` is passed. Named functions are saved by name and looked
    up in `custom_objects` (then Keras' built-in functions) when loading.

    Example:

    ```python
    # add a x -> x^2 layer
    model.add(Lambda(lambda x: x ** 2))
    ```

    Args:
        function: The function to evaluate; takes the input tensor as its
            first argument.
        output_shape: Expected output shape, usually inferred. A tuple gives
            the shape without the batch axis (the input's batch size is
            prepended); a function maps the full input shape to the full
            output shape.
        mask: Either None (no masking), a callable with the signature of
            `compute_mask(inputs, mask)`, or a tensor returned as the output
            mask regardless of the input.
        arguments: Optional dict of keyword arguments passed to `function`.

    Call arguments:
        inputs: The function's first argument.
        mask: Passed on when `function` has a `mask` argument.
        training: Passed on when `function` has a `training` argument.
    """

    def __init__(
        self,
        function: Any,
        output_shape: Any = None,
        mask: Any = None,
        arguments: dict | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(
                "Argument `function` of the Lambda layer must be callable. "
                f"Received: function={function}"
            )
        self.arguments = arguments or {}
        self.function = function
        self.supports_masking = mask is not None
        self.mask = mask
        self._output_shape = output_shape
        names = _argument_names(function)
        self._fn_expects_training_arg = "training" in names
        self._fn_expects_mask_arg = "mask" in names

    def call(self, inputs: Any, mask: Any = None, training: Any = None) -> Any:
        kwargs = dict(self.arguments)
        if self._fn_expects_mask_arg:
            kwargs["mask"] = mask
        if self._fn_expects_training_arg:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self._output_shape is None:
            try:
                return super().compute_output_shape(input_shape)
            except Exception as error:
                raise NotImplementedError(
                    "We could not automatically infer the shape of the Lambda's "
                    "output. Please specify the `output_shape` argument for this "
                    "Lambda layer."
                ) from error
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        batch_size = _first_dim(input_shape)
        return _map_shapes(lambda s: (batch_size, *s), self._output_shape)

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        if callable(self.mask):
            return self.mask(inputs, previous_mask)
        return self.mask

    def get_config(self) -> dict:
        config: dict[str, Any] = {"function": _serialize_function(self.function)}
        if self._output_shape is not None:
            config["output_shape"] = (
                _serialize_function(self._output_shape)
                if callable(self._output_shape)
                else self._output_shape
            )
        if self.mask is not None:
            config["mask"] = (
                _serialize_function(self.mask)
                if callable(self.mask)
                else _serialize_value(self.mask)
            )
        arguments = self.arguments.items()
        config["arguments"] = {k: _serialize_value(v) for k, v in arguments}
        return {**super().get_config(), **config}

    @classmethod
    def from_config(
        cls,
        config: dict,
        custom_objects: dict | None = None,
        safe_mode: bool | None = None,
    ) -> Lambda:
        """Rebuilds the layer; a Python `lambda` in the config needs `safe_mode=False`.

        Like Keras, an unset `safe_mode` falls back to the ambient setting and
        counts as safe when that is unset too, so a config cannot run code
        unless the caller opted in.
        """
        if safe_mode is None:
            ambient = getattr(serialization_lib, "in_safe_mode", None)
            safe_mode = ambient() if ambient is not None else None
        safe = safe_mode is not False
        config = dict(config)
        config["function"] = _deserialize_function(
            config["function"], custom_objects, safe
        )
        if "output_shape" in config:
            shape = config["output_shape"]
            if isinstance(shape, dict):
                shape = _deserialize_function(shape, custom_objects, safe)
            elif isinstance(shape, list) and shapes.is_shape(shape):
                shape = tuple(shape)
            config["output_shape"] = shape
        if isinstance(config.get("mask"), dict):
            mask = config["mask"]
            if mask.get("class_name") in ("__tensor__", "__numpy__"):
                config["mask"] = _deserialize_value(mask)
            else:
                config["mask"] = _deserialize_function(mask, custom_objects, safe)
        if "arguments" in config:
            config["arguments"] = {
                k: _deserialize_value(v) for k, v in (config["arguments"] or {}).items()
            }
        return super().from_config(config)


def _argument_names(function: Any) -> list[str]:
    try:
        return inspect.getfullargspec(function).args
    except TypeError:
        return []


def _first_dim(shape: Any) -> Any:
    """The first dimension of the first shape in a (nested) shape structure."""
    if shapes.is_shape(shape):
        return shape[0] if len(shape) else None
    values = shape.values() if isinstance(shape, dict) else shape
    for item in values:
        return _first_dim(item)
    return None


def _map_shapes(fn: Any, structure: Any) -> Any:
    if shapes.is_shape(structure):
        return fn(tuple(structure))
    if isinstance(structure, dict):
        return {k: _map_shapes(fn, v) for k, v in structure.items()}
    return type(structure)(_map_shapes(fn, v) for v in structure)


def _is_lambda(fn: Any) -> bool:
    return isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>"


def _serialize_function(fn: Any) -> dict:
    """A lambda as Keras' `__lambda__` bytecode dump; a named function by name."""
    if _is_lambda(fn):
        code = codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")
        closure = (
            tuple(cell.cell_contents for cell in fn.__closure__)
            if fn.__closure__
            else None
        )
        return {
            "class_name": "__lambda__",
            "config": {"code": code, "defaults": fn.__defaults__, "closure": closure},
        }
    if inspect.isfunction(fn) or inspect.isbuiltin(fn):
        return {
            "module": "builtins",
            "class_name": "function",
            "config": fn.__name__,
            "registered_name": "function",
        }
    return serialization_lib.serialize_object(fn, "keras.layers")


def _deserialize_function(config: Any, custom_objects: dict | None, safe: bool) -> Any:
    if callable(config):
        return config
    if isinstance(config, dict) and config.get("class_name") == "__lambda__":
        if safe:
            raise ValueError(
                "Requested the deserialization of a `Lambda` layer whose "
                "`function` is a Python lambda. This carries a potential risk of "
                "arbitrary code execution and thus it is disallowed by default. "
                "If you trust the source of the artifact, you can override this "
                "error by passing `safe_mode=False` to the loading function, or "
                "calling `keras.config.enable_unsafe_deserialization()`."
            )
        return _load_lambda(config["config"])
    name = config.get("config") if isinstance(config, dict) else config
    if isinstance(config, dict) and config.get("class_name") != "function":
        name = config.get("class_name")
    found = _lookup_function(name, custom_objects)
    if found is None:
        raise TypeError(
            f"Could not locate function '{name}'. Make sure custom classes and "
            "functions are passed in `custom_objects` (or registered) before "
            f"loading. Full object config: {config}"
        )
    if isinstance(config, dict) and isinstance(found, type):
        return found.from_config(config.get("config") or {})
    return found


def _lookup_function(name: Any, custom_objects: dict | None) -> Any:
    if not isinstance(name, str):
        return None
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    from kerasish.saving import public_names

    return public_names.builtin_function(name)


def _load_lambda(config: dict) -> Any:
    """Rebuilds a dumped lambda; only reached with `safe_mode=False`."""
    import kerasish

    code = marshal.loads(codecs.decode(config["code"].encode("ascii"), "base64"))
    defaults = config.get("defaults")
    closure = config.get("closure")
    cells = tuple(types.CellType(v) for v in closure) if closure else None
    return types.FunctionType(
        code,
        {"__builtins__": builtins, "keras": kerasish},
        code.co_name,
        tuple(defaults) if defaults is not None else None,
        cells,
    )


def _serialize_value(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return {
            "class_name": "__numpy__",
            "config": {"value": value.tolist(), "dtype": str(value.dtype)},
        }
    if hasattr(value, "shape") and hasattr(value, "dtype") and value.ndim > 0:
        return {
            "class_name": "__tensor__",
            "config": {"value": np.asarray(value).tolist(), "dtype": str(value.dtype)},
        }
    if isinstance(value, np.generic | np.ndarray):
        return value.item()
    return value


def _deserialize_value(value: Any) -> Any:
    if isinstance(value, dict) and value.get("class_name") == "__numpy__":
        return np.asarray(value["config"]["value"], value["config"]["dtype"])
    if isinstance(value, dict) and value.get("class_name") == "__tensor__":
        import jax.numpy as jnp

        return jnp.asarray(value["config"]["value"], value["config"]["dtype"])
    return value
