"""`Initializer`: the base class of weight initializers."""

from __future__ import annotations

from typing import Any

import jax


class Initializer:
    """Base class of initializers: a callable `(shape, dtype=None) -> array`.

    Subclasses implement `__call__` and, when they take arguments, `get_config`.

    Example:

    ```python
    class ExampleRandomNormal(keras.initializers.Initializer):
        def __init__(self, mean, stddev):
            self.mean = mean
            self.stddev = stddev

        def __call__(self, shape, dtype=None):
            return keras.random.normal(
                shape, mean=self.mean, stddev=self.stddev, dtype=dtype
            )

        def get_config(self):
            return {"mean": self.mean, "stddev": self.stddev}
    ```
    """

    def __call__(self, shape: tuple[int, ...], dtype: Any = None) -> jax.Array:
        raise NotImplementedError(
            "Initializer subclasses must implement the `__call__()` method."
        )

    def get_config(self) -> dict:
        """Returns the initializer's configuration as a JSON-serializable dict."""
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Initializer:
        """Creates an initializer from the output of `get_config`."""
        return cls(**config)

    def clone(self) -> Initializer:
        """Returns a new initializer with the same configuration."""
        return self.__class__.from_config(self.get_config())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.get_config()}>"
