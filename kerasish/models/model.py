"""`Model`: a layer with training, the pure face (`params`, `apply`) and summary."""

from __future__ import annotations

from typing import Any

import jax

from kerasish.core import scope
from kerasish.layers.layer import Layer
from kerasish.models import compiled_calls, pure
from kerasish.trainers.trainer import Trainer


class Model(Trainer, Layer):
    """A model groups layers into an object with training and inference features.

    Subclass it the Keras way (`__init__` creating layers, `call(inputs,
    training=None)`), or use `keras.Sequential`.

    The pure face: `model.params` and `model.state` are nested dicts (layer
    name, then weight name) of trainable and non-trainable values, and
    `model.apply(params, x, state=..., training=..., key=...)` is a pure
    function of them that works under `jax.jit`, `jax.grad` and `jax.vmap`.
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Model:
        from kerasish.models import model_config
        from kerasish.models.functional import Functional

        if cls is Model and _functional_arguments(args, kwargs):
            return super().__new__(Functional)
        instance = super().__new__(cls)
        # Keras quirk: `Model.__new__` drops the constructor arguments before
        # its automatic config is recorded, so a subclass without `get_config`
        # reports its constructor's defaults, not the values it was given.
        instance.__dict__["_auto_config"] = model_config.record_init_arguments(
            cls, (), {}
        )
        return instance

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from kerasish.models.functional import Functional

        if _functional_arguments(args, kwargs) and not isinstance(self, Functional):
            # A subclass calling `super().__init__(inputs, outputs)` (Keras'
            # guides do this) becomes functional and keeps its own methods, as
            # Keras does by swapping the class's bases.
            self.__class__ = _functional_subclass(type(self))
            Functional.__init__(self, *args, **kwargs)
            return
        Layer.__init__(self, *args, **kwargs)
        Trainer.__init__(self)

    @property
    def layers(self) -> list[Layer]:
        return list(self._layers)

    def get_layer(self, name: str | None = None, index: int | None = None) -> Layer:
        """Retrieves a layer by its unique name or by its index in `layers`."""
        if index is not None and name is not None:
            raise ValueError(
                "Provide only a layer name or a layer index. Received: "
                f"index={index}, name={name}."
            )
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(
                    f"Was asked to retrieve layer at index {index} but model only "
                    f"has {len(self.layers)} layers."
                )
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(
                f"No such layer: {name}. Existing layers are: "
                f"{[layer.name for layer in self.layers]}."
            )
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def summary(
        self,
        line_length: int | None = None,
        positions: list[float] | None = None,
        print_fn: Any = None,
        expand_nested: bool = False,
        show_trainable: bool = False,
        layer_range: Any = None,
    ) -> None:
        """Prints a string summary of the network, as Keras does."""
        from kerasish.utils.summary_utils import print_summary

        print_summary(
            self,
            line_length=line_length,
            positions=positions,
            print_fn=print_fn,
            expand_nested=expand_nested,
            show_trainable=show_trainable,
            layer_range=layer_range,
        )

    def export(
        self,
        filepath: Any,
        format: str = "tf_saved_model",
        verbose: bool | None = None,
        input_signature: Any = None,
        **kwargs: Any,
    ) -> None:
        """Exports the inference pass for serving without the model's code.

        Formats: `"stablehlo"` (kerasish's own: one file, reload with
        `keras.export.load_stablehlo`, needs only JAX), `"onnx"` (needs
        `kerasish[onnx]`; run with onnxruntime) and `"tf_saved_model"` (Keras'
        default; needs TensorFlow, untested). Keras' `"openvino"`, `"litert"`
        and `"torch"` raise a `ValueError`. See `kerasish/export/`.
        """
        from kerasish.export.export_model import export_model

        export_model(self, filepath, format, verbose, input_signature, **kwargs)

    # ----------------------------------------------------------- files

    def save(
        self,
        filepath: Any,
        overwrite: bool = True,
        zipped: bool | None = None,
        **kwargs: Any,
    ) -> None:
        """Saves the model as a `.keras` file (config, weights, optimizer state).

        An alias of `keras.saving.save_model`; see `kerasish/saving/`.
        """
        from kerasish.saving import saving_api

        return saving_api.save_model(
            self, filepath, overwrite=overwrite, zipped=zipped, **kwargs
        )

    def save_weights(
        self, filepath: Any, overwrite: bool = True, max_shard_size: Any = None
    ) -> None:
        """Saves all weights (and optimizer state) to a `.weights.h5` file."""
        from kerasish.saving import saving_api

        return saving_api.save_weights(
            self, filepath, overwrite=overwrite, max_shard_size=max_shard_size
        )

    def load_weights(
        self, filepath: Any, skip_mismatch: bool = False, **kwargs: Any
    ) -> None:
        """Loads weights from a `.weights.h5` or `.keras` file, by structure."""
        from kerasish.saving import saving_api

        saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)

    _is_sequential_like = True

    # ----------------------------------------------------------- config

    def get_config(self) -> dict:
        """The model's config; a subclass without its own `get_config` gets
        Keras' automatic one (its plain-valued constructor arguments)."""
        from kerasish.models import model_config

        config = Layer.get_config(self)
        if type(self).get_config in _default_get_configs() and not _is_builtin(self):
            return model_config.auto_config(self, config)
        return config

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Model:
        """Creates a model from its config (a functional graph or `cls(**config)`)."""
        from kerasish.models import model_config

        return model_config.model_from_config(cls, config, custom_objects)

    def to_json(self, **kwargs: Any) -> str:
        """Returns a JSON string containing the network configuration.

        Load it with `keras.models.model_from_json(json_string, custom_objects)`.

        Args:
            **kwargs: Additional keyword arguments passed to `json.dumps()`.
        """
        import json

        from kerasish.saving import serialization_lib

        return json.dumps(serialization_lib.serialize_keras_object(self), **kwargs)

    # ----------------------------------------------------------- pure face

    def _require_built(self, what: str) -> None:
        if not self.built:
            raise ValueError(
                f"`model.{what}` needs a built model: call the model on data, "
                "call `model.build(input_shape)`, or start it with `keras.Input`."
            )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        outputs = compiled_calls.eager_call(self, args, kwargs)
        if outputs is NotImplemented:
            outputs = super().__call__(*args, **kwargs)
        return outputs

    @property
    def params(self) -> dict:
        """Trainable weights as nested dicts: `{layer_name: {weight_name: array}}`."""
        self._require_built("params")
        trainable, _ = pure.split_layout(self)
        return pure.value_tree(trainable)

    @property
    def state(self) -> dict:
        """Non-trainable weights (e.g. BatchNormalization statistics), same layout."""
        self._require_built("state")
        _, non_trainable = pure.split_layout(self)
        return pure.value_tree(non_trainable)

    def apply(
        self,
        params: dict,
        *inputs: Any,
        state: dict | None = None,
        training: bool = False,
        key: jax.Array | None = None,
        return_state: bool = False,
        **kwargs: Any,
    ) -> Any:
        """Pure forward pass: outputs from `params`, `state` and the inputs.

        Args:
            params: A tree shaped like `model.params`.
            *inputs: The model inputs.
            state: A tree shaped like `model.state` (defaults to the current one).
            training: Training mode (Dropout active, BatchNorm batch statistics).
            key: PRNG key for random layers in training mode.
            return_state: Also return the updated state tree.

        Returns:
            The outputs, or `(outputs, new_state)` when `return_state=True`.
        """
        if state is None:
            state = self.state
        outputs, new_state, _, _ = pure.pure_call(
            self, params, state, inputs, kwargs, training, key
        )
        return (outputs, new_state) if return_state else outputs

    def stateless_call(
        self,
        trainable_variables: list,
        non_trainable_variables: list,
        *args: Any,
        return_losses: bool = False,
        **kwargs: Any,
    ) -> Any:
        """Keras 3's list form of `apply`: `(outputs, non_trainable_variables)`."""
        training = kwargs.pop("training", False)
        key = kwargs.pop("key", None)
        ambient = scope.current_scope()
        if key is None and ambient is not None and ambient.key is not None:
            # Inside a custom `train_step`, draws come from the step's key.
            key = ambient.next_key()
        trainable, non_trainable = pure.split_layout(self)
        if len(trainable_variables) != len(trainable) or len(
            non_trainable_variables
        ) != len(non_trainable):
            raise ValueError(
                "Argument `trainable_variables` must be a list of tensors "
                f"corresponding 1:1 to {self.__class__.__name__}().trainable_variables "
                f"(of length {len(trainable)}) and `non_trainable_variables` to "
                f"non_trainable_variables (of length {len(non_trainable)}). "
                f"Received: lengths {len(trainable_variables)} and "
                f"{len(non_trainable_variables)}."
            )
        params = pure.to_tree(
            [(p, x) for (p, _), x in zip(trainable, trainable_variables, strict=True)]
        )
        state = pure.to_tree(
            [
                (p, x)
                for (p, _), x in zip(
                    non_trainable, non_trainable_variables, strict=True
                )
            ]
        )
        outputs, new_state, losses, _ = pure.pure_call(
            self, params, state, args, kwargs, training, key
        )
        new_list = [pure.lookup(new_state, p) for p, _ in non_trainable]
        if return_losses:
            return outputs, new_list, losses
        return outputs, new_list


_FUNCTIONAL_SUBCLASSES: dict[type, type] = {}


def _default_get_configs() -> tuple:
    from kerasish.models.functional import Functional

    return (Model.get_config, Functional.get_config)


def _is_builtin(model: Any) -> bool:
    from kerasish.models.functional import Functional
    from kerasish.models.sequential import Sequential

    return type(model) in (Model, Functional, Sequential)


def _functional_arguments(args: tuple, kwargs: dict) -> bool:
    """Whether a constructor call passes `inputs` and `outputs` (Keras' test)."""
    return (
        len(args) == 2
        or (len(args) == 1 and "outputs" in kwargs)
        or ("inputs" in kwargs and "outputs" in kwargs)
    )


def _functional_subclass(cls: type) -> type:
    """`cls` with `Functional` mixed in (same name), created once per class."""
    from kerasish.models.functional import Functional

    if cls not in _FUNCTIONAL_SUBCLASSES:
        mixed = type(cls.__name__, (cls, Functional), {})
        mixed.__qualname__ = cls.__qualname__
        mixed.__module__ = cls.__module__
        _FUNCTIONAL_SUBCLASSES[cls] = mixed
    return _FUNCTIONAL_SUBCLASSES[cls]
