"""`keras.saving`: model and weight files (not implemented yet: see the saving issue)."""

__all__: list[str] = []
