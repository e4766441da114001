"""`BackupAndRestore`: resumes an interrupted `fit` from its last backup."""

from __future__ import annotations

import json
import os
import shutil

from kerasish.callbacks.callback import Callback
from kerasish.callbacks.save_frequency import should_save_on_batch
from kerasish.saving import atomic


class BackupAndRestore(Callback):
    """Callback to back up and restore the training state.

    Backs up the training state (the model's weights with the optimizer
    state, and the epoch number) in `backup_dir` at the end of every epoch
    (or every `save_freq` batches). If `fit` is interrupted, a new `fit` with
    the same callback restores that state in `on_train_begin` and resumes at
    the epoch after the last completed one. At the completion of a `fit` run
    the backup is deleted (unless `delete_checkpoint=False`). Files are
    replaced atomically, so an interruption during a backup keeps the
    previous one.

    The model to restore is expected to be the same one (same architecture,
    compiled the same way) as the one backed up, and training restarts from
    the beginning of an epoch: with batch-level backups, the epoch is replayed
    from the weights of its last backup, as in Keras.

    Args:
        backup_dir: String, path of directory where to store the data needed
            to restore the model. It cannot be reused elsewhere to store other
            files (e.g. by another `BackupAndRestore` or a `ModelCheckpoint`).
        save_freq: `"epoch"` or integer. With `"epoch"` the callback saves at
            the end of each epoch; with an integer, every `save_freq` batches
            (batch-level backups run the batch hooks, so steps are not fused).
        double_checkpoint: Boolean. If enabled, the previous backup is kept as
            well (`*.bkp`); if the current one can't be loaded (e.g. a
            corrupted file), the previous one is restored. Defaults to `False`.
        delete_checkpoint: Boolean. Whether to delete the backup directory
            after training finishes. Defaults to `True`.

    Raises:
        ValueError: For an empty `backup_dir` or an invalid `save_freq`.

    Example:

    >>> class InterruptingCallback(keras.callbacks.Callback):
    ...   def on_epoch_begin(self, epoch, logs=None):
    ...     if epoch == 4:
    ...       raise RuntimeError('Interrupting!')
    >>> callback = keras.callbacks.BackupAndRestore(backup_dir="/tmp/backup")
    >>> try:
    ...   model.fit(x, y, epochs=10, callbacks=[callback, InterruptingCallback()])
    ... except RuntimeError:
    ...   pass
    >>> history = model.fit(x, y, epochs=10, callbacks=[callback], verbose=0)
    >>> len(history.history['loss'])  # epochs 4 to 9
    6
    """

    def __init__(
        self,
        backup_dir: str | os.PathLike,
        save_freq: str | int = "epoch",
        double_checkpoint: bool = False,
        delete_checkpoint: bool = True,
    ) -> None:
        super().__init__()
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = 0
        self._current_epoch = 0
        if not backup_dir:
            raise ValueError("Empty `backup_dir` argument passed")
        self.backup_dir = os.fspath(backup_dir)
        self._weights_path = os.path.join(self.backup_dir, "latest.weights.h5")
        self._training_metadata_path = os.path.join(
            self.backup_dir, "training_metadata.json"
        )
        self._prev_weights_path = f"{self._weights_path}.bkp"
        self._prev_training_metadata_path = f"{self._training_metadata_path}.bkp"
        if save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError(
                "Invalid value for argument `save_freq`. "
                f"Received: save_freq={save_freq}. "
                "Expected either 'epoch' or an integer value."
            )

    @property
    def _fusable_batch_hooks(self) -> bool:
        # Epoch-level backups only: the batch hooks do nothing worth unfusing.
        return self.save_freq == "epoch"

    def on_train_begin(self, logs: dict | None = None) -> None:
        try:
            self._load_model()
        except OSError:  # as Keras (h5_store.CorruptFileError is an OSError)
            # The latest backup may be corrupted: fall back on the previous one.
            if not os.path.exists(self._prev_weights_path):
                raise
            shutil.copy(self._prev_weights_path, self._weights_path)
            if os.path.exists(self._prev_training_metadata_path):
                shutil.copy(
                    self._prev_training_metadata_path, self._training_metadata_path
                )
            elif os.path.exists(self._training_metadata_path):
                os.remove(self._training_metadata_path)
            self._load_model()

    def _load_model(self) -> None:
        """Restores the weights, optimizer state and epoch from the backup."""
        model = self.model
        if not model.built:
            raise ValueError(
                "To use the BackupAndRestore callback, "
                "you model must be built before you call `fit()`. "
                f"Model {model} is unbuilt. You can build it "
                "beforehand by calling it on a batch of data."
            )
        if os.path.exists(self._weights_path):
            model.load_weights(self._weights_path)
        if os.path.exists(self._training_metadata_path):
            with open(self._training_metadata_path) as f:
                training_metadata = json.loads(f.read())
            model._initial_epoch = training_metadata["epoch"]

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        # Not in Keras, where a new callback resuming at epoch N records epoch
        # 0 in its batch-level backups until that epoch ends; identical otherwise.
        self._current_epoch = epoch

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._current_epoch = epoch + 1
        self._last_batch_seen = 0
        if self.save_freq == "epoch":
            self._save_model()

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if should_save_on_batch(self, batch):
            self._save_model()

    def _save_model(self) -> None:
        """Backs up the weights (with optimizer state) and the epoch number."""
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint and os.path.exists(self._weights_path):
            shutil.copy(self._weights_path, self._prev_weights_path)
        if self.double_checkpoint and os.path.exists(self._training_metadata_path):
            shutil.copy(self._training_metadata_path, self._prev_training_metadata_path)
        self.model.save_weights(filepath=self._weights_path, overwrite=True)
        # Keras records the epoch to resume at: the next one after an epoch
        # end; the current one (replayed) after a batch-level backup.
        metadata = {"epoch": self._current_epoch, "batch": self._last_batch_seen}
        atomic.write_bytes(self._training_metadata_path, json.dumps(metadata).encode())

    def on_train_end(self, logs: dict | None = None) -> None:
        if self.delete_checkpoint and os.path.exists(self.backup_dir):
            shutil.rmtree(self.backup_dir)
