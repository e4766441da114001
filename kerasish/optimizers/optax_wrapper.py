"""`OptaxOptimizer`: a raw optax `GradientTransformation` behind the optimizer API."""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import optax

from kerasish.core import naming
from kerasish.core.variables import unwrap
from kerasish.optimizers import _tree
from kerasish.optimizers._learning_rate import LearningRateVariable
from kerasish.optimizers._variables import VariableSpec
from kerasish.optimizers.base import Optimizer


def _is_injected(node: Any) -> bool:
    hyperparams = getattr(node, "hyperparams", None)
    return isinstance(hyperparams, dict) and "learning_rate" in hyperparams


def _find_injected(state: Any) -> list[Any]:
    found: list[Any] = []
    jax.tree_util.tree_map(
        lambda x: found.append(x) if _is_injected(x) else None,
        state,
        is_leaf=_is_injected,
    )
    return found


class OptaxOptimizer(Optimizer):
    """Wraps an optax `GradientTransformation` in the kerasish optimizer contract.

    The state is `{"iterations": int32, "optax_state": tx.init(params)}`; each
    step applies `tx.update(grads, optax_state, params)` and
    `optax.apply_updates`. `compile(optimizer=optax.adam(1e-3))` wraps the
    transformation this way. Keras-only arguments (clipping, weight decay, EMA)
    are not available: compose optax transformations instead.

    The learning rate is readable and settable only when the transformation was
    built with `optax.inject_hyperparams` (anywhere inside an `optax.chain`); it
    then lives in `hyperparams["learning_rate"]` of the optax state, so setting
    it does not retrace a compiled step.

    Args:
        tx: An `optax.GradientTransformation`.
        name: String. Defaults to `"optax_optimizer"`, made unique.

    Example:

    ```python
    tx = optax.inject_hyperparams(optax.adam)(learning_rate=1e-3)
    model.compile(optimizer=keras.optimizers.OptaxOptimizer(tx), loss="mse")
    ```
    """

    def __init__(
        self, tx: optax.GradientTransformation, name: str | None = None
    ) -> None:
        if not isinstance(tx, optax.GradientTransformation):
            raise TypeError(
                "Argument `tx` must be an `optax.GradientTransformation`. "
                f"Received: tx={tx!r}"
            )
        self.tx = tx
        self.name = name if name is not None else naming.auto_name(type(self).__name__)
        self.weight_decay = None
        self.clipnorm = self.clipvalue = self.global_clipnorm = None
        self.use_ema = False
        self.ema_momentum = 0.99
        self.ema_overwrite_frequency = None
        self.loss_scale_factor = None
        self.gradient_accumulation_steps = None
        self._learning_rate = None
        self._pending_lr: Any = None
        self._exclude_ids, self._exclude_paths, self._exclude_pattern = (
            set(),
            set(),
            None,
        )
        self._init_shell()

    def init(self, params: Any) -> dict:
        inner = self.tx.init(params)
        if self._pending_lr is not None:
            inner = self._with_lr(inner, self._pending_lr)
        return {"iterations": jnp.zeros((), dtype=jnp.int32), "optax_state": inner}

    def stateless_apply(self, opt_state: Any, grads: Any, params: Any) -> tuple:
        if isinstance(opt_state, list | tuple):
            opt_state = [unwrap(v) for v in opt_state]
            new_params, new_state = self.stateless_apply(
                self._state_from_list(opt_state), grads, params
            )
            return new_params, self._state_to_list(new_state)
        updates, inner = self.tx.update(grads, opt_state["optax_state"], params)
        new_state = {"iterations": opt_state["iterations"] + 1, "optax_state": inner}
        return optax.apply_updates(params, updates), new_state

    @property
    def transformation(self) -> optax.GradientTransformation:
        return self.tx

    # ------------------------------------------------------------- learning rate

    def _injected_state(self) -> Any:
        state = self.opt_state["optax_state"] if self.opt_state else self.tx.init({})
        found = _find_injected(state)
        if not found:
            raise AttributeError(
                f"The learning rate of optimizer '{self.name}' is not accessible: it "
                "wraps a raw optax transformation. Build it with "
                "`optax.inject_hyperparams`, e.g. "
                "`optax.inject_hyperparams(optax.adam)(learning_rate=1e-3)`, to "
                "read or set `optimizer.learning_rate`."
            )
        return found[0]

    def _lr_array(self) -> jax.Array:
        if self.opt_state is None and self._pending_lr is not None:
            return self._pending_lr
        return jnp.asarray(self._injected_state().hyperparams["learning_rate"])

    @staticmethod
    def _with_lr(inner: Any, value: jax.Array) -> Any:
        def replace(node: Any) -> Any:
            if not _is_injected(node):
                return node
            old = node.hyperparams["learning_rate"]
            new = jnp.asarray(value, dtype=jnp.result_type(old)).reshape(jnp.shape(old))
            return node._replace(hyperparams={**node.hyperparams, "learning_rate": new})

        return jax.tree_util.tree_map(replace, inner, is_leaf=_is_injected)

    @property
    def learning_rate(self) -> Any:
        self._injected_state()
        return LearningRateVariable(self)

    @learning_rate.setter
    def learning_rate(self, value: Any) -> None:
        value = unwrap(value)
        if callable(value):
            raise TypeError(
                "The learning rate of an `OptaxOptimizer` can only be set to a "
                "number; pass a schedule to the optax transformation instead. "
                f"Received: learning_rate={value}"
            )
        self._injected_state()
        value = jnp.asarray(value, dtype=jnp.float32)
        if self.opt_state is None:
            self._pending_lr = value
        else:
            inner = self._with_lr(self.opt_state["optax_state"], value)
            self.opt_state = {**self.opt_state, "optax_state": inner}

    # ----------------------------------------------------------------- variables

    def _has_lr_variable(self) -> bool:
        return False

    def _variable_specs(self) -> list[VariableSpec]:
        """`iteration`, then every leaf of the optax state (`adam/optax_state/...`)."""
        path = f"{self.name}/iteration"
        specs = [VariableSpec("iterations", None, "iteration", path)]
        if self.opt_state is not None:
            inner = _tree.leaf_paths(self.opt_state["optax_state"])
            for i, path in enumerate(inner):
                name = f"optax_state_{path.replace('/', '_')}"
                specs.append(
                    VariableSpec(
                        "optax_state", i, name, f"{self.name}/optax_state/{path}"
                    )
                )
        return specs

    def get_config(self) -> dict:
        """Only the name: an optax transformation is not serializable."""
        return {"name": self.name}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Optimizer:
        raise NotImplementedError(
            "An `OptaxOptimizer` cannot be re-created from its config: the optax "
            "transformation is not serializable. Re-create it in code and pass it "
            "to `compile(optimizer=...)`."
        )
