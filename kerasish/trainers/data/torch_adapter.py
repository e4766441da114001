"""`torch.utils.data.DataLoader` as a stream of NumPy batches (torch never imported)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jax
import numpy as np

from kerasish.trainers.data.data_adapter import DataAdapter


def _to_numpy(tensor: Any) -> Any:
    if hasattr(tensor, "cpu"):
        tensor = tensor.cpu()
    if hasattr(tensor, "numpy"):
        return tensor.numpy()
    return np.asarray(tensor)


class TorchDataLoaderAdapter(DataAdapter):
    """Adapter for a torch `DataLoader`, duck-typed: iterating it gives batches
    of tensors with `.cpu()`/`.numpy()`; `len(loader)` is the batch count when
    its dataset has a length."""

    def __init__(self, dataloader: Any) -> None:
        self._dataloader = dataloader
        dataset = getattr(dataloader, "dataset", None)
        self._num_batches = len(dataloader) if hasattr(dataset, "__len__") else None

    @property
    def num_batches(self) -> int | None:
        return self._num_batches

    def get_iterator(self) -> Iterator[Any]:
        for batch in self._dataloader:
            batch = jax.tree_util.tree_map(_to_numpy, batch)
            # Keras turns each batch into a tuple.
            yield tuple(batch) if isinstance(batch, list | tuple) else (batch,)
