"""`keras.callbacks`: hooks into `fit`, `evaluate` and `predict`.

Names load on first use, so importing this package stays cheap.
"""

from kerasish.core.lazy import lazy_exports

_EXPORTS = {
    "BackupAndRestore": "kerasish.callbacks.backup_and_restore",
    "Callback": "kerasish.callbacks.callback",
    "CallbackList": "kerasish.callbacks.callback_list",
    "CSVLogger": "kerasish.callbacks.csv_logger",
    "EarlyStopping": "kerasish.callbacks.early_stopping",
    "History": "kerasish.callbacks.history",
    "LambdaCallback": "kerasish.callbacks.lambda_callback",
    "LearningRateScheduler": "kerasish.callbacks.learning_rate_scheduler",
    "ModelCheckpoint": "kerasish.callbacks.model_checkpoint",
    "ProgbarLogger": "kerasish.callbacks.progbar_logger",
    "ReduceLROnPlateau": "kerasish.callbacks.reduce_lr_on_plateau",
    "TensorBoard": "kerasish.callbacks.tensorboard",
    "TerminateOnNaN": "kerasish.callbacks.terminate_on_nan",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
