import numpy as np

from kerasish import callbacks
from tests.callbacks.fit_problem import run

# Every expected file below was written by Keras 3.15.1 on the same fit.


def read(path):
    with open(path, newline="") as f:
        return f.read()


def test_with_validation(tmp_path):
    path = tmp_path / "log.csv"
    run([callbacks.CSVLogger(path)], epochs=3)
    assert read(path) == (
        "epoch,loss,val_loss\r\n"
        "0,0.326338529586792,0.1400398313999176\r\n"
        "1,0.32964426279067993,0.12131105363368988\r\n"
        "2,0.21344110369682312,0.11740181595087051\r\n"
    )


def test_without_validation_separator_and_append(tmp_path):
    path = str(tmp_path / "log.csv")
    run([callbacks.CSVLogger(path, separator=";")], 2, val=False, metrics=["mae"])
    first = (
        "epoch;loss;mae;val_loss;val_mae\r\n"
        "0;0.326338529586792;0.46649062633514404;NA;NA\r\n"
        "1;0.32964426279067993;0.4979693293571472;NA;NA\r\n"
    )
    assert read(path) == first
    logger = callbacks.CSVLogger(path, separator=";", append=True)
    run([logger], 1, val=False, metrics=["mae"])
    assert read(path) == first + "0;0.326338529586792;0.46649062633514404;NA;NA\r\n"
    assert logger.csv_file.closed


def test_append_to_missing_file_writes_header(tmp_path):
    path = tmp_path / "new.csv"
    run([callbacks.CSVLogger(path, append=True)], epochs=1)
    assert read(path) == (
        "epoch,loss,val_loss\r\n0,0.326338529586792,0.1400398313999176\r\n"
    )


def test_sees_learning_rate_logged_by_an_earlier_callback(tmp_path):
    path = tmp_path / "log.csv"
    lr_cb = callbacks.ReduceLROnPlateau(patience=1, factor=0.5)
    run([lr_cb, callbacks.CSVLogger(path)], epochs=3)
    assert read(path) == (
        "epoch,learning_rate,loss,val_loss\r\n"
        "0,0.5,0.326338529586792,0.1400398313999176\r\n"
        "1,0.5,0.32964426279067993,0.12131105363368988\r\n"
        "2,0.5,0.21344110369682312,0.11740181595087051\r\n"
    )


def test_array_values_are_quoted_lists(tmp_path):
    logger = callbacks.CSVLogger(tmp_path / "a.csv")
    logger.on_train_begin()
    logger.on_epoch_end(0, {"a": np.array([1, 2]), "b": np.float32(0.5), "c": "x"})
    logger.on_train_end()
    assert read(tmp_path / "a.csv") == (
        'epoch,a,b,c,val_a,val_b,val_c\r\n0,"""[1, 2]""",0.5,x,NA,NA,NA\r\n'
    )
