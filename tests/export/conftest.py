"""Export test fixtures: the three models, built once per session."""

import pytest

from tests.export import export_models


@pytest.fixture(scope="session")
def models() -> dict:
    """`{name: model}` for a convnet, a stacked LSTM and a two-input model."""
    return {
        "convnet": export_models.convnet(),
        "lstm": export_models.lstm_model(),
        "two_input": export_models.two_input_model(),
    }
