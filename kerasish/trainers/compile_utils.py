"""What `compile` configures: the compiled loss and the compiled metrics.

Both are resolved once the first batch shows the shapes (Keras resolves
`"accuracy"` and `"crossentropy"` from them), per model output: losses and
metrics may be given as one value, a list (one per output) or a dict keyed
by output name, as in Keras.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from kerasish.core import scope


def per_output(value: Any, names: list[str], argument: str, default: Any) -> list:
    """One entry per output from a single value, a list, or a dict by name."""
    if isinstance(value, dict):
        unknown = [k for k in value if k not in names]
        if unknown:
            raise ValueError(
                f"In the dict argument `{argument}`, keys {unknown} do not correspond "
                f"to any model output. Received: {argument}={value}. Expected keys "
                f"among the output names {names}."
            )
        return [value.get(name, default) for name in names]
    if isinstance(value, list | tuple) and len(names) > 1:
        if len(value) != len(names):
            raise ValueError(
                f"`{argument}` must have one entry per model output ({len(names)}: "
                f"{names}). Received: {argument}={value}"
            )
        return list(value)
    if isinstance(value, list | tuple) and len(value) == 1:
        return [value[0]]
    return [value] * len(names)


def split(values: Any, names: list[str]) -> list:
    """Targets or predictions as one entry per output (list, tuple or dict)."""
    if isinstance(values, dict):
        return [values[name] for name in names]
    if isinstance(values, list | tuple) and len(names) > 1:
        return list(values)
    return [values]


def split_sample_weight(sample_weight: Any, names: list[str]) -> list:
    """One sample weight per output: weights given in the targets' structure
    (list, tuple or dict) split like them; a single array (or None) weighs
    every output, as does a structure shorter than the outputs (Keras repeats
    its first entry)."""
    if len(names) == 1 or not isinstance(sample_weight, list | tuple | dict):
        return [sample_weight] * len(names)
    weights = split(sample_weight, names)
    return weights if len(weights) == len(names) else [weights[0]] * len(names)


class CompileLoss:
    """The loss(es) given to `compile`, one per model output, weighted and summed.

    With several outputs it also tracks each output's loss (`{name}_loss`),
    as Keras does.
    """

    def __init__(self, loss: Any, loss_weights: Any = None) -> None:
        self._loss = loss
        self._loss_weights = loss_weights
        self.names: list[str] = []
        self.loss_fns: list = []
        self.weights: list[float] = []
        self.metrics: list = []
        self.built = False

    def build(self, y_true_specs: list, y_pred_specs: list, names: list[str]) -> None:
        from kerasish import losses, metrics

        self.names = names
        identifiers = per_output(self._loss, names, "loss", None)
        weights = per_output(self._loss_weights, names, "loss_weights", 1.0)
        self.loss_fns = [
            losses.resolve_by_shape(identifier, t.shape, p.shape)
            for identifier, t, p in zip(
                identifiers, y_true_specs, y_pred_specs, strict=True
            )
        ]
        self.weights = [1.0 if w is None else float(w) for w in weights]
        if len(names) > 1:
            self.metrics = [
                metrics.Mean(name=f"{name}_loss")
                for name, fn in zip(names, self.loss_fns, strict=True)
                if fn is not None
            ]
        self.built = True

    def sparse_outputs(self) -> list[int]:
        """Indices of outputs whose loss takes sparse integer labels."""
        from kerasish import losses

        def sparse(fn: Any) -> bool:
            inner = getattr(fn, "fn", None)
            return isinstance(fn, losses.SparseCategoricalCrossentropy) or (
                inner is losses.sparse_categorical_crossentropy
            )

        return [i for i, fn in enumerate(self.loss_fns) if sparse(fn)]

    def per_output_losses(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> list:
        """Each output's (unweighted) loss; None where the output has no loss."""
        trues, preds = split(y_true, self.names), split(y_pred, self.names)
        weights = split_sample_weight(sample_weight, self.names)
        return [
            None if fn is None else fn(t, p, sample_weight=w)
            for fn, t, p, w in zip(self.loss_fns, trues, preds, weights, strict=True)
        ]

    def total(self, values: list) -> jax.Array:
        """The weighted sum of per-output losses (Keras' reported `loss`)."""
        total = jnp.zeros((), "float32")
        for value, weight in zip(values, self.weights, strict=True):
            if value is not None:
                total = total + (value * weight if weight != 1.0 else value)
        return total

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Any:
        return self.total(self.per_output_losses(y_true, y_pred, sample_weight))


class CompileMetrics:
    """The metrics given to `compile`, as one Keras-style container named
    `compile_metrics` (which is what `model.metrics_names` shows for it).

    With several outputs each metric's log key is prefixed with its output
    name (`dense_1_accuracy`), as Keras logs them.
    """

    name = "compile_metrics"

    def __init__(self, metrics: Any = None, weighted_metrics: Any = None) -> None:
        for arg_name, value in (
            ("metrics", metrics),
            ("weighted_metrics", weighted_metrics),
        ):
            if value is not None and not isinstance(value, list | tuple | dict):
                raise ValueError(
                    f"Expected `{arg_name}` argument to be a list, tuple, or dict. "
                    f"Received instead: {arg_name}={value} of type {type(value)}"
                )
        self.given = metrics is not None or weighted_metrics is not None
        self._metrics = metrics
        self._weighted_metrics = weighted_metrics
        self.entries: list[tuple] = []  # (metric, output index, weighted, log key)
        self.names: list[str] = []
        self.built = False

    def build(self, y_true_specs: list, y_pred_specs: list, names: list[str]) -> None:
        """Resolves the metrics for these (abstract) targets and predictions."""
        self.names = names
        self.entries = self._resolve(self._metrics, False, y_true_specs, y_pred_specs)
        self.entries += self._resolve(
            self._weighted_metrics, True, y_true_specs, y_pred_specs
        )
        taken = {key for _, _, weighted, key in self.entries if not weighted}
        for i, (metric, index, weighted, key) in enumerate(self.entries):
            if weighted and key in taken:
                metric.name = f"weighted_{metric.name}"
                self.entries[i] = (metric, index, weighted, self._key(metric, index))
        for metric, index, _, _ in self.entries:
            _build_state(metric, y_true_specs[index], y_pred_specs[index])
        self.built = True

    def _key(self, metric: Any, index: int) -> str:
        return (
            metric.name
            if len(self.names) == 1
            else f"{self.names[index]}_{metric.name}"
        )

    def _resolve(self, given: Any, weighted: bool, trues: list, preds: list) -> list:
        from kerasish import metrics as metrics_module

        if given is None:
            return []
        if len(self.names) == 1:
            groups = [list(given.values()) if isinstance(given, dict) else given]
        elif isinstance(given, dict) or all(
            isinstance(g, list | tuple | type(None)) for g in given
        ):
            groups = per_output(given, self.names, "metrics", None)
        else:
            raise ValueError(
                "For a model with several outputs, `metrics` must be a dict keyed "
                f"by output name ({self.names}) or a list with one list of metrics "
                f"per output. Received: metrics={given}"
            )
        entries = []
        for index, group in enumerate(groups):
            group = [] if group is None else group
            for identifier in group if isinstance(group, list | tuple) else [group]:
                metric = metrics_module.resolve_by_shape(
                    identifier, trues[index].shape, preds[index].shape
                )
                entries.append((metric, index, weighted, self._key(metric, index)))
        return entries

    @property
    def metrics(self) -> list:
        return [metric for metric, _, _, _ in self.entries]

    @property
    def variables(self) -> list:
        """Every sub-metric's variables, in order (Keras' `metrics_variables`)."""
        return [v for m in self.metrics for v in m.variables]

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        trues, preds = split(y_true, self.names), split(y_pred, self.names)
        weights = split_sample_weight(sample_weight, self.names)
        for metric, index, weighted, _ in self.entries:
            kwargs = {"sample_weight": weights[index]} if weighted else {}
            metric.update_state(trues[index], preds[index], **kwargs)

    def stateless_update_state(
        self, values: list, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> list:
        """Pure update of every sub-metric; `values` is the flat variable list."""
        trues, preds = split(y_true, self.names), split(y_pred, self.names)
        weights = split_sample_weight(sample_weight, self.names)
        new, start = [], 0
        for metric, index, weighted, _ in self.entries:
            stop = start + len(metric.variables)
            kwargs = {"sample_weight": weights[index]} if weighted else {}
            new += metric.stateless_update_state(
                values[start:stop], trues[index], preds[index], **kwargs
            )
            start = stop
        return new

    def stateless_result(self, values: list) -> dict:
        results, start = {}, 0
        for metric, _, _, key in self.entries:
            stop = start + len(metric.variables)
            results[key] = metric.stateless_result(values[start:stop])
            start = stop
        return results

    def stateless_reset_state(self) -> list:
        return [v for m in self.metrics for v in m.stateless_reset_state()]

    def reset_state(self) -> None:
        for metric in self.metrics:
            metric.reset_state()

    def result(self) -> dict:
        return {key: metric.result() for metric, _, _, key in self.entries}


def _build_state(metric: Any, y_true_spec: Any, y_pred_spec: Any) -> None:
    """Runs one abstract update so metrics that create their variables on the
    first `update_state` (F1Score, R2Score, ...) have them before training."""

    def update(y_true: Any, y_pred: Any) -> None:
        with scope.enter(scope.Scope(kind="symbolic")):
            metric.update_state(y_true, y_pred)

    jax.eval_shape(update, y_true_spec, y_pred_spec)
