"""`Callback`: the base class with every Keras hook."""

from __future__ import annotations

from typing import Any


class Callback:
    """Base class used to build new callbacks.

    Override any of the `on_*` hooks. `self.model` is the model being
    trained and `self.params` holds `verbose`, `epochs` and `steps`. Setting
    `self.model.stop_training = True` ends `fit` after the current epoch.
    Batch hooks follow Keras' `steps_per_execution` semantics: when several
    steps run in one device call, they are called once with the last index.
    """

    def __init__(self) -> None:
        self.params: dict = {}
        self._model = None

    def set_params(self, params: dict) -> None:
        self.params = params

    def set_model(self, model: Any) -> None:
        self._model = model

    @property
    def model(self) -> Any:
        # Keras (JAX): reading the model mid-epoch first syncs its variables
        # from the running train state (`jax_state_sync`).
        sync = getattr(self._model, "_unsynced_train_state", None)
        if sync is not None:
            sync()
        return self._model

    def on_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """A backwards compatibility alias for `on_train_batch_begin`."""

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """A backwards compatibility alias for `on_train_batch_end`."""

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        """Called at the start of an epoch (training only)."""

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Called at the end of an epoch with the epoch's logs (`val_` included)."""

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Called at the start of a batch in `evaluate` (and validation)."""

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Called at the end of a batch in `evaluate` (and validation)."""

    def on_predict_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Called at the start of a batch in `predict`."""

    def on_predict_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Called at the end of a batch in `predict`."""

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Called at the beginning of training."""

    def on_train_end(self, logs: dict | None = None) -> None:
        """Called at the end of training."""

    def on_test_begin(self, logs: dict | None = None) -> None:
        """Called at the beginning of evaluation or validation."""

    def on_test_end(self, logs: dict | None = None) -> None:
        """Called at the end of evaluation or validation."""

    def on_predict_begin(self, logs: dict | None = None) -> None:
        """Called at the beginning of prediction."""

    def on_predict_end(self, logs: dict | None = None) -> None:
        """Called at the end of prediction."""


_BATCH_HOOKS = {
    "train": (
        "on_batch_begin",
        "on_batch_end",
        "on_train_batch_begin",
        "on_train_batch_end",
    ),
    "test": ("on_test_batch_begin", "on_test_batch_end"),
    "predict": ("on_predict_batch_begin", "on_predict_batch_end"),
}


def overrides_batch_hooks(callback: Callback, mode: str) -> bool:
    """Whether `callback` overrides any batch-level hook of `mode`."""
    # Instance attributes count too: `LambdaCallback` sets hooks per instance.
    return any(
        hook in vars(callback)
        or getattr(type(callback), hook, None) is not getattr(Callback, hook)
        for hook in _BATCH_HOOKS[mode]
    )
