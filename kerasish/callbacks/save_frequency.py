"""Keras' batch-level save frequency, shared by ModelCheckpoint and BackupAndRestore."""

from __future__ import annotations

from typing import Any


def should_save_on_batch(callback: Any, batch: int) -> bool:
    """Counts batches since the last save (with `steps_per_execution` jumps).

    Uses the callback's `save_freq` (`"epoch"` or an int), `_last_batch_seen`
    (`None` before the first batch) and `_batches_seen_since_last_saving`; a
    batch index not above the last one seen starts a new epoch.
    """
    if callback.save_freq == "epoch":
        return False
    last = callback._last_batch_seen
    if last is None or batch <= last:
        add_batches = batch + 1  # a new epoch; batches are zero-indexed
    else:
        add_batches = batch - last
    callback._batches_seen_since_last_saving += add_batches
    callback._last_batch_seen = batch
    if callback._batches_seen_since_last_saving >= callback.save_freq:
        callback._batches_seen_since_last_saving = 0
        return True
    return False
