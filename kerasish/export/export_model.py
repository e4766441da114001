"""`model.export(...)`: picks the exporter for a format, with Keras' checks."""

from __future__ import annotations

from typing import Any

# Keras' formats, then kerasish's own.
AVAILABLE_FORMATS = (
    "tf_saved_model",
    "onnx",
    "openvino",
    "litert",
    "torch",
    "stablehlo",
)


def export_model(
    model: Any,
    filepath: Any,
    format: str = "tf_saved_model",
    verbose: bool | None = None,
    input_signature: Any = None,
    **kwargs: Any,
) -> None:
    """Exports `model` for inference in `format` (see `Model.export`).

    Raises:
        ValueError: For an unknown format, a format this backend cannot produce,
            an unbuilt model, a missing directory or a layer the format cannot
            express.
        ImportError: If the format's optional dependency is missing.
    """
    if format not in AVAILABLE_FORMATS:
        raise ValueError(
            f"Unrecognized format={format}. Supported formats are: "
            f"{list(AVAILABLE_FORMATS)}."
        )
    # Keras' own messages on the JAX backend.
    if format == "litert":
        raise ValueError("LiteRT export requires TensorFlow or PyTorch backend.")
    if format == "torch":
        raise ValueError("Torch export requires PyTorch backend.")
    if format == "openvino":
        raise ValueError(
            "OpenVINO export is not supported by kerasish. Export with "
            "format='onnx' and convert the file with OpenVINO's `ovc` tool. "
            f"Received: format={format}"
        )
    if format == "stablehlo":
        from kerasish.export.export_stablehlo import export_stablehlo

        export_stablehlo(model, filepath, verbose, input_signature, **kwargs)
    elif format == "onnx":
        from kerasish.export.export_onnx import export_onnx

        export_onnx(model, filepath, verbose, input_signature, **kwargs)
    else:
        from kerasish.export.saved_model import export_saved_model

        export_saved_model(model, filepath, verbose, input_signature, **kwargs)
