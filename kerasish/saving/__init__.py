"""`keras.saving`: model and weight files (not implemented yet)."""

__all__: list[str] = []
