"""`Sequential`: a plain stack of layers, one input tensor, one output tensor."""

from __future__ import annotations

from typing import Any

from kerasish.core import naming
from kerasish.core.keras_tensor import KerasTensor
from kerasish.layers.core.input_layer import InputLayer
from kerasish.layers.layer import Layer
from kerasish.models.model import Model


class Sequential(Model):
    """`Sequential` groups a linear stack of layers into a `Model`.

    Args:
        layers: Optional list of layers (a `keras.Input` may come first).
        trainable: Whether the model's weights are trainable.
        name: Optional model name.

    Example:

    ```python
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(8)])
    model.add(keras.layers.Dense(4))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=32, epochs=10)
    ```
    """

    def __init__(
        self,
        layers: list | None = None,
        trainable: bool = True,
        name: str | None = None,
    ) -> None:
        super().__init__(trainable=trainable, name=name)
        self._stack: list[Layer] = []
        if layers:
            for layer in layers:
                self.add(layer, rebuild=False)
            self._maybe_rebuild()

    @property
    def layers(self) -> list[Layer]:
        """The layers of the stack, without the InputLayer (as Keras lists them)."""
        if self._stack and isinstance(self._stack[0], InputLayer):
            return self._stack[1:]
        return list(self._stack)

    def add(self, layer: Any, rebuild: bool = True) -> None:
        """Adds a layer instance (or a `keras.Input` tensor) on top of the stack."""
        if not self._stack and getattr(layer, "_input_shape_arg", None) is not None:
            self.add(
                InputLayer(
                    shape=layer._input_shape_arg,
                    batch_size=getattr(layer, "_batch_size_arg", None),
                ),
                rebuild=False,
            )
        if isinstance(layer, KerasTensor) and layer._keras_history is not None:
            origin = layer._keras_history[0]
            if isinstance(origin, InputLayer):
                layer = origin
        if not isinstance(layer, Layer):
            raise ValueError(
                "Only instances of `keras.Layer` can be added to a Sequential "
                f"model. Received: {layer} (of type {type(layer)})"
            )
        if any(known.name == layer.name for known in self._stack):
            raise ValueError(
                "All layers added to a Sequential model should have unique names. "
                f"Name '{layer.name}' is already the name of a layer in this model. "
                "Update the `name` argument to pass a unique name."
            )
        if (
            isinstance(layer, InputLayer)
            and self._stack
            and isinstance(self._stack[0], InputLayer)
        ):
            raise ValueError(
                f"Sequential model '{self.name}' has already been configured to use "
                f"input shape {self._stack[0].batch_shape}. You cannot add a "
                "different Input layer to it."
            )
        self._stack.append(layer)
        self._sync_tracking()
        if rebuild:
            self._maybe_rebuild()
        else:
            self.built = False

    def pop(self, rebuild: bool = True) -> Layer:
        """Removes and returns the last layer of the stack."""
        if not self.layers:
            raise TypeError("There are no layers in the model.")
        layer = self._stack.pop()
        self._sync_tracking()
        self.built = False
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _sync_tracking(self) -> None:
        # Compiled forward passes traced the old stack.
        for cache in ("_predict_runners", "_compiled_forward", "_eager_signatures"):
            self.__dict__.pop(cache, None)
        self._tracking()["_layers"] = [
            layer for layer in self._stack if not isinstance(layer, InputLayer)
        ]

    def _maybe_rebuild(self) -> None:
        self.built = False
        if (
            self._stack
            and isinstance(self._stack[0], InputLayer)
            and len(self._stack) > 1
        ):
            self.build(self._stack[0].batch_shape)

    def build(self, input_shape: Any = None) -> None:
        """Builds every layer from `input_shape` (batch axis included)."""
        if not self._stack:
            raise ValueError(
                f"Sequential model {self.name} cannot be built because it has no "
                "layers. Call `model.add(layer)`."
            )
        if input_shape is None:
            if not isinstance(self._stack[0], InputLayer):
                raise ValueError(
                    "You must provide an `input_shape` argument to build a "
                    "Sequential model that does not start with `keras.Input`."
                )
            input_shape = self._stack[0].batch_shape
        input_shape = tuple(input_shape)
        if isinstance(self._stack[0], InputLayer):
            if self._stack[0].batch_shape != input_shape:
                raise ValueError(
                    f"Sequential model '{self.name}' has already been configured "
                    f"to use input shape {self._stack[0].batch_shape}. You cannot "
                    f"build it with input_shape {input_shape}"
                )
        else:
            first = self._stack[0]
            self._stack.insert(
                0, InputLayer(batch_shape=input_shape, dtype=first.dtype)
            )
        x = self._stack[0].output
        for layer in self._stack[1:]:
            x = layer(x)
            layer._summary_output_shape = x.shape
        # Keras builds a hidden, unnamed Functional here, which takes a name
        # from the shared counter; later functional models are numbered after it.
        naming.uniquify("functional")
        self._build_shapes = input_shape
        self.built = True

    def call(self, inputs: Any, training: bool | None = None, mask: Any = None) -> Any:
        del mask
        x = inputs
        for layer in self.layers:
            x = layer(x, training=training)
        return x

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        shape = tuple(input_shape)
        for layer in self.layers:
            shape = layer.compute_output_shape(shape)
        return shape

    @property
    def input_shape(self) -> tuple:
        self._require_built("input_shape")
        return self._stack[0].batch_shape

    @property
    def output_shape(self) -> tuple:
        self._require_built("output_shape")
        return self.layers[-1]._summary_output_shape

    @property
    def inputs(self) -> list[KerasTensor]:
        self._require_built("inputs")
        return [self._stack[0].output]

    @property
    def input(self) -> KerasTensor:
        return self.inputs[0]

    @property
    def outputs(self) -> list[KerasTensor]:
        self._require_built("outputs")
        return [self.layers[-1].output]

    @property
    def output(self) -> KerasTensor:
        return self.outputs[0]

    def get_config(self) -> dict:
        from kerasish.layers.serialization import serialize_layer

        config = super().get_config()
        config["layers"] = [serialize_layer(layer) for layer in self._stack]
        if self._build_shapes is not None:
            config["build_input_shape"] = self._build_shapes
        return config

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> Sequential:
        from kerasish.layers import deserialize

        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for layer_config in config["layers"]:
            layer = deserialize(layer_config, custom_objects=custom_objects)
            model.add(layer, rebuild=False)
            build_config = layer_config.get("build_config")
            if build_config and not isinstance(layer, InputLayer):
                layer.build_from_config(build_config)
        model._maybe_rebuild()
        if not model.built and config.get("build_input_shape"):
            model.build(config["build_input_shape"])
        return model
