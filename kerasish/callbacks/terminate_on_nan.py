"""`TerminateOnNaN`: stops training when the loss becomes NaN or infinite."""

from __future__ import annotations

import numpy as np

from kerasish.callbacks.callback import Callback


class TerminateOnNaN(Callback):
    """Callback that terminates training when a NaN or Inf loss is encountered.

    By default training stops gracefully (`model.stop_training = True`, so
    `on_train_end` still runs). With `raise_error=True` a `RuntimeError` is
    raised at once instead.

    The logged loss is a running mean, so a NaN anywhere in a fused group of
    steps shows at its end: this callback is checked once per device call and
    does not force step-by-step execution.

    Args:
        raise_error: Whether to raise `RuntimeError` instead of stopping.
    """

    # Checking once per group of fused steps gives the same verdict.
    _fusable_batch_hooks = True

    def __init__(self, raise_error: bool = False) -> None:
        super().__init__()
        self.raise_error = raise_error

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is None or np.isfinite(loss):
            return
        if self.raise_error:
            raise RuntimeError(
                f"NaN or Inf loss encountered at batch {batch}. "
                f"Loss value: {loss}. Terminating training immediately."
            )
        print(f"Batch {batch}: Invalid loss, terminating training", flush=True)
        self.model.stop_training = True
