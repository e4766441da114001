"""The `Layer` base: add_weight, build on first call, __call__, config, weights."""

from __future__ import annotations

import contextlib
import warnings
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from kerasish.core import autocast, masking, naming, scope, shapes
from kerasish.core.keras_tensor import KerasTensor
from kerasish.core.variables import Variable, unwrap
from kerasish.layers import input_spec as input_spec_lib
from kerasish.layers import layer_utils
from kerasish.layers.layer_utils import symbolic_run

# How many times any layer started tracking a new weight or sub-layer: a cache
# of a model's variable list (the jitted inference forward) compares it.
_tracking_changes = 0


def tracking_changes() -> int:
    """A count that moves whenever some layer's weights or sub-layers change."""
    return _tracking_changes


class Layer:
    """The class from which all layers inherit.

    A layer is a callable object that takes tensors as input and returns
    tensors. Write one as in Keras 3: create weights in `build(input_shape)`
    with `add_weight`, compute in `call(inputs, training=None)`.

    Args:
        trainable: Whether the layer's variables should be trainable.
        name: String name of the layer (auto-generated when omitted).
        dtype: The dtype of the layer's weights and computations.
        activity_regularizer: Regularizer applied to the layer's output.
        autocast: Whether floating inputs are cast to the compute dtype.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "build" in cls.__dict__:
            cls.build = layer_utils.mark_built(cls.__dict__["build"])

    def __init__(
        self,
        *,
        activity_regularizer: Any = None,
        trainable: bool = True,
        dtype: Any = None,
        autocast: bool = True,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        from kerasish import dtype_policies, regularizers

        input_dim = kwargs.pop("input_dim", None)
        input_shape = (
            (input_dim,) if input_dim is not None else kwargs.pop("input_shape", None)
        )
        batch_size = kwargs.pop("batch_size", None)
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        if input_shape is not None:
            warnings.warn(
                "Do not pass an `input_shape`/`input_dim` argument to a layer. "
                "When using Sequential models, prefer using an `Input(shape)` "
                "object as the first layer in the model instead.",
                stacklevel=2,
            )
            self._input_shape_arg = tuple(input_shape)
            self._batch_size_arg = batch_size
        elif batch_input_shape is not None:
            self._input_shape_arg = tuple(batch_input_shape[1:])
            self._batch_size_arg = batch_input_shape[0]
        if kwargs:
            raise ValueError(
                "Unrecognized keyword arguments passed to "
                f"{self.__class__.__name__}: {kwargs}"
            )
        if name is not None and not isinstance(name, str):
            raise TypeError(f"Argument `name` must be a string. Received: name={name}")
        self.name = name or naming.auto_name(self.__class__.__name__)
        self._dtype_policy = dtype_policies.get(dtype)
        self._trainable = bool(trainable)
        self.autocast = autocast
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.built = False
        self.input_spec = None
        self.supports_masking = False
        self._summary_shape = None
        self._build_shapes = None
        self._eager_losses: list = []
        self._tracking()

    def _tracking(self) -> dict:
        """Creates (once) and returns the lists that track weights and sub-layers."""
        d = self.__dict__
        if "_layers" not in d:
            d["_layers"] = []
            d["_trainable_variables"] = []
            d["_non_trainable_variables"] = []
        return d

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("__"):
            self._track(value)
        object.__setattr__(self, name, value)

    def _track(self, value: Any) -> None:
        global _tracking_changes
        d = self._tracking()
        if isinstance(value, Layer):
            if all(value is not known for known in d["_layers"]):
                d["_layers"].append(value)
                _tracking_changes += 1
        elif isinstance(value, Variable):
            own = d["_trainable_variables"] + d["_non_trainable_variables"]
            if all(value is not known for known in own):
                target = (
                    "_trainable_variables"
                    if value.trainable
                    else "_non_trainable_variables"
                )
                d[target].append(value)
                _tracking_changes += 1
        elif isinstance(value, list | tuple):
            for item in value:
                self._track(item)
        elif isinstance(value, dict):
            for item in value.values():
                self._track(item)

    # ----------------------------------------------------------- properties

    @property
    def dtype(self) -> str:
        """The dtype of the layer's weights (its variable dtype)."""
        return self._dtype_policy.variable_dtype

    @property
    def compute_dtype(self) -> str:
        """The dtype of the layer's computations (and usually its outputs)."""
        return self._dtype_policy.compute_dtype

    @property
    def variable_dtype(self) -> str:
        return self._dtype_policy.variable_dtype

    @property
    def dtype_policy(self) -> Any:
        """The layer's `DTypePolicy` (`"mixed_bfloat16"`, `"float32"`, ...)."""
        return self._dtype_policy

    @dtype_policy.setter
    def dtype_policy(self, value: Any) -> None:
        from kerasish import dtype_policies

        self._dtype_policy = dtype_policies.get(value)

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        value = bool(value)
        object.__setattr__(self, "_trainable", value)
        for v in self._trainable_variables:
            v.trainable = value
        for layer in self._layers:
            layer.trainable = value

    @property
    def weights(self) -> list[Variable]:
        """Own weights (creation order), then each sub-layer's, deduplicated."""
        seen: set[int] = set()
        result = []
        own = self._trainable_variables + self._non_trainable_variables
        for w in own + [w for layer in self._layers for w in layer.weights]:
            if id(w) not in seen:
                seen.add(id(w))
                result.append(w)
        return result

    @property
    def trainable_weights(self) -> list[Variable]:
        return [v for v in self.weights if v.trainable] if self.trainable else []

    @property
    def non_trainable_weights(self) -> list[Variable]:
        if not self.trainable:
            return self.weights
        return [v for v in self.weights if not v.trainable]

    variables = weights
    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    def get_weights(self) -> list[np.ndarray]:
        """The layer's weights as NumPy arrays, in Keras order."""
        return [np.asarray(v.value) for v in self.weights]

    def set_weights(self, weights: list) -> None:
        """Sets the layer's weights from a list of arrays, in Keras order."""
        variables = self.weights
        if len(weights) != len(variables):
            raise ValueError(
                f"You called `set_weights(weights)` on layer '{self.name}' with a "
                f"weight list of length {len(weights)}, but the layer was expecting "
                f"{len(variables)} weights."
            )
        for variable, value in zip(variables, weights, strict=True):
            if tuple(variable.shape) != tuple(np.shape(value)):
                raise ValueError(
                    f"Layer {self.name} weight shape {variable.shape} is not "
                    "compatible with provided weight shape "
                    f"{tuple(np.shape(value))}."
                )
        for variable, value in zip(variables, weights, strict=True):
            variable.assign(np.asarray(value))

    def count_params(self) -> int:
        """The number of scalars in the layer's weights."""
        if not self.built:
            raise ValueError(
                "You tried to call `count_params` on layer "
                f"'{self.name}', but the layer isn't built. You can build it "
                "manually via: `layer.build(input_shape)`."
            )
        return int(sum(np.prod(v.shape, dtype=np.int64) for v in self.weights))

    @property
    def _summary_output_shape(self) -> Any:
        """The output shape `summary()` prints: from the model's graph, else
        (as Keras) from the shape the layer was first built with, else None."""
        if self._summary_shape is not None or self._build_shapes is None:
            return self._summary_shape
        try:
            return self.compute_output_shape(self._build_shapes)
        except Exception:  # noqa: BLE001 - a summary never fails on a shape
            return None

    @_summary_output_shape.setter
    def _summary_output_shape(self, shape: Any) -> None:
        self._summary_shape = shape

    @property
    def output(self) -> Any:
        """The symbolic output of the layer's first call on `KerasTensor`s."""
        return self._first_node("output").outputs

    @property
    def input(self) -> Any:
        """The symbolic input of the layer's first call on `KerasTensor`s."""
        node = self._first_node("input")
        return node.args[0] if node.args else node.kwargs

    def _first_node(self, attribute: str) -> Any:
        nodes = self.__dict__.get("_inbound_nodes")
        if not nodes:
            raise AttributeError(
                f"Layer '{self.name}' has never been called and thus has no "
                f"defined {attribute}."
            )
        return nodes[0]

    # ----------------------------------------------------------- weights

    def add_weight(
        self,
        shape: tuple | None = None,
        initializer: Any = None,
        dtype: Any = None,
        trainable: bool = True,
        autocast: bool = True,
        regularizer: Any = None,
        constraint: Any = None,
        aggregation: str = "none",
        overwrite_with_gradient: bool = False,
        name: str | None = None,
    ) -> Variable:
        """Adds a weight variable to the layer.

        Args:
            shape: Shape tuple for the variable (defaults to a scalar).
            initializer: Initializer object or string name (defaults to
                `"glorot_uniform"` for floats and `"zeros"` otherwise).
            dtype: Dtype of the variable (defaults to the layer's dtype).
            trainable: Whether the optimizer updates the variable.
            regularizer: Regularizer object or string name.
            constraint: Constraint object or string name.
            name: The variable's name, e.g. `"kernel"`.
        """
        from kerasish import constraints, initializers, regularizers

        del aggregation, overwrite_with_gradient
        dtype = str(jnp.dtype(dtype or self.variable_dtype))
        if initializer is None:
            floating = jnp.issubdtype(jnp.dtype(dtype), jnp.floating)
            initializer = "glorot_uniform" if floating else "zeros"
        name = name or naming.auto_name("Variable")
        # Under the layer's name scope, as Keras: `dense/kernel` even when the
        # weight is added outside `build` (in `__init__`, by `enable_lora`).
        with naming.name_scope(self.name, self):
            path = naming.path_for(name)
        variable = Variable(
            initializers.get(initializer),
            shape=tuple(shape or ()),
            dtype=dtype,
            trainable=trainable,
            name=name,
            regularizer=regularizers.get(regularizer),
            constraint=constraints.get(constraint),
            path=path,
            autocast=autocast,
        )
        self._track(variable)
        if not self._trainable and trainable:
            variable.trainable = False
        return variable

    def add_variable(
        self,
        shape: tuple,
        initializer: Any,
        dtype: Any = None,
        trainable: bool = True,
        name: str | None = None,
        **kwargs: Any,
    ) -> Variable:
        """Alias of `add_weight` with Keras' positional order."""
        return self.add_weight(
            shape=shape,
            initializer=initializer,
            dtype=dtype,
            trainable=trainable,
            name=name,
            **kwargs,
        )

    # ----------------------------------------------------------- losses

    def add_loss(self, loss: Any) -> None:
        """Adds a scalar loss (e.g. an activity regularization term) to the total."""
        current = scope.current_scope()
        if current is not None:
            current.losses.append(unwrap(loss))
        else:
            self._eager_losses.append(unwrap(loss))

    @property
    def losses(self) -> list:
        """Losses added in the last call plus the weight regularization penalties."""
        result = list(self._eager_losses)
        for layer in self._layers:
            result.extend(layer._eager_losses)
        for variable in self.trainable_weights:
            if variable.regularizer is not None:
                result.append(variable.regularizer(variable.value))
        return result

    # ----------------------------------------------------------- building

    def build(self, input_shape: Any = None) -> None:
        """Creates the layer's weights; the default creates none."""
        self._build_shapes = input_shape
        self.built = True

    def build_from_config(self, config: dict) -> None:
        if config and "input_shape" in config:
            self.build(layer_utils.as_shape(config["input_shape"]))

    def get_build_config(self) -> dict | None:
        if self._build_shapes is not None:
            return {"input_shape": layer_utils.to_list(self._build_shapes)}
        return None

    def _maybe_build(self, input_shape: Any) -> None:
        if not self.built:
            with naming.name_scope(self.name, self):
                self.build(input_shape)
            self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        """The output shape for `input_shape`, by abstract evaluation of `call`."""
        self._maybe_build(input_shape)
        return shapes.output_shape(
            symbolic_run(lambda x: self(x)), input_shape, self.compute_dtype
        )

    def compute_output_spec(self, *args: Any, **kwargs: Any) -> Any:
        shape = self.compute_output_shape(args[0].shape)
        return KerasTensor(shape, dtype=self.compute_dtype)

    def compute_mask(self, inputs: Any, previous_mask: Any) -> Any:
        del inputs
        return previous_mask if self.supports_masking else None

    # ----------------------------------------------------------- calling

    def call(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"Layer {self.__class__.__name__} does not have a `call()` method "
            "implemented."
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not hasattr(self, "_trainable"):
            raise RuntimeError(
                f"You forgot to call `super().__init__()` in the `__init__()` "
                f"method of {self.__class__.__name__}."
            )
        if any(
            isinstance(a, KerasTensor)
            for a in jax.tree_util.tree_leaves(
                (args, kwargs), is_leaf=lambda x: isinstance(x, KerasTensor)
            )
        ):
            from kerasish.layers.symbolic import symbolic_call

            return symbolic_call(self, args, kwargs)
        previous_mask = masking.get_keras_mask(args[0]) if args else None
        args = self._convert_inputs(args)
        first = args[0] if args else next(iter(kwargs.values()), None)
        first_shape = layer_utils.shape_of(first)
        if isinstance(first_shape, tuple):
            input_spec_lib.assert_input_compatibility(
                self.input_spec, first_shape, self.name
            )
        if not self.built:
            self._maybe_build(first_shape)
        signature = layer_utils.call_parameters(type(self))
        if "mask" in signature and kwargs.get("mask") is None:
            kwargs["mask"] = previous_mask
        outputs = self._call_in_context(args, kwargs)
        self._set_output_mask(first, outputs, kwargs.get("mask", previous_mask))
        return outputs

    def _set_output_mask(self, inputs: Any, outputs: Any, previous_mask: Any) -> None:
        """Attaches `compute_mask`'s result to the outputs (Keras' mask metadata)."""
        leaves = jax.tree_util.tree_leaves(outputs)
        if all(masking.get_keras_mask(x) is not None for x in leaves):
            return
        mask = self.compute_mask(inputs, previous_mask)
        if mask is None:
            return
        masks = mask if isinstance(mask, list | tuple) else [mask] * len(leaves)
        for output, output_mask in zip(leaves, masks, strict=False):
            masking.set_keras_mask(output, output_mask)

    def _call_in_context(self, args: tuple, kwargs: dict) -> Any:
        signature = layer_utils.call_parameters(type(self))
        current = scope.current_scope()
        training = kwargs.pop("training", None)
        if training is None:
            training = current.training if current is not None else None
        if training is None:
            training = signature.get("training", False)
        if "training" in signature:
            kwargs["training"] = training
        owned = current is None
        active = (
            current
            if current is not None
            else scope.Scope(training=training, kind="eager")
        )
        previous = active.training
        active.training = training
        try:
            with naming.name_scope(self.name, self), self._autocast_scope():
                if owned:
                    with scope.enter(active):
                        outputs = self.call(*args, **kwargs)
                    self._collect_eager_losses(active.losses)
                else:
                    outputs = self.call(*args, **kwargs)
            if self.activity_regularizer is not None:
                penalties = layer_utils.activity_penalties(
                    self.activity_regularizer, outputs
                )
                if owned:
                    self._eager_losses.extend(penalties)
                else:
                    active.losses.extend(penalties)
        finally:
            active.training = previous
        return outputs

    def _autocast_scope(self) -> Any:
        """Keras' AutocastScope rules: mixed layers read float variables in
        their compute dtype; non-autocast or non-float layers read them as is."""
        compute = self.compute_dtype
        if autocast.current_dtype() is None and compute == self.variable_dtype:
            return contextlib.nullcontext()
        if not self.autocast or not jnp.issubdtype(jnp.dtype(compute), jnp.floating):
            return autocast.autocast(None)
        return autocast.autocast(compute)

    def _collect_eager_losses(self, losses: list) -> None:
        for layer in layer_utils.all_layers(self):
            layer._eager_losses = []
        self._eager_losses = list(losses)

    def _convert_inputs(self, args: tuple) -> tuple:
        floating = jnp.issubdtype(jnp.dtype(self.compute_dtype), jnp.floating)

        def convert(x: Any) -> Any:
            if isinstance(x, Variable):
                x = x.value
            if isinstance(x, np.ndarray | jax.Array | np.generic):
                x = jnp.asarray(x)
                if self.autocast and floating and jnp.issubdtype(x.dtype, jnp.floating):
                    x = x.astype(self.compute_dtype)
            return x

        args = tuple(layer_utils.numbers_to_array(a) for a in args)
        return jax.tree_util.tree_map(convert, args)

    # ----------------------------------------------------------- config

    def get_config(self) -> dict:
        """The layer's constructor arguments, as a serializable dict."""
        from kerasish.layers.serialization import base_config

        return base_config(self)

    @classmethod
    def from_config(cls, config: dict) -> Layer:
        """Creates a layer from its config."""
        from kerasish.layers.serialization import layer_from_config

        return layer_from_config(cls, config)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__} name={self.name}, built={self.built}>"
