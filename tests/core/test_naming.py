from kerasish.core import naming


def test_snake_case_matches_keras():
    assert naming.to_snake_case("BatchNormalization") == "batch_normalization"
    assert naming.to_snake_case("Conv2DTranspose") == "conv2d_transpose"
    assert naming.to_snake_case("RMSprop") == "rm_sprop"


def test_counters_and_reset():
    naming.reset()
    assert [naming.auto_name("Dense") for _ in range(3)] == [
        "dense",
        "dense_1",
        "dense_2",
    ]
    naming.reset()
    assert naming.auto_name("Dense") == "dense"
