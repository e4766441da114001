"""Text classification with a bidirectional LSTM on the IMDB movie review dataset.

Follows the keras.io tutorial "Bidirectional LSTM on IMDB"
(https://keras.io/examples/nlp/bidirectional_lstm_imdb/): reviews are lists of
word indices (`keras.datasets.imdb`, 20,000-word vocabulary), padded or cut to
200 words with `keras.utils.pad_sequences`, embedded, read by two stacked
`Bidirectional(LSTM(64))` layers and classified positive/negative by a
sigmoid unit. Two epochs reach about 85% validation accuracy.

Only the import differs from Keras 3 (`import kerasish as keras`).

Run:
    python examples/imdb_bidirectional_lstm.py           # IMDB from ~/.keras/datasets
    python examples/imdb_bidirectional_lstm.py --smoke   # generated reviews, seconds
"""

import argparse
import os

os.environ["KERAS_BACKEND"] = "jax"

import numpy as np

import kerasish as keras
from kerasish import layers


def make_fake_reviews(num_samples, vocabulary, seed=0):
    """Ragged "reviews" of random words; positive ones contain more of words
    10-19, negative ones more of words 20-29, as `imdb.load_data` lists."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=num_samples)
    reviews = []
    for label in labels:
        words = rng.integers(30, vocabulary, size=rng.integers(5, 40))
        cues = rng.integers(10, 20, size=4) + 10 * (1 - label)
        positions = rng.integers(0, len(words), size=4)
        words[positions] = cues
        reviews.append([1, *words.tolist()])
    return np.array(reviews, dtype=object), labels.astype("int64")


parser = argparse.ArgumentParser(description="Bidirectional LSTM on IMDB.")
parser.add_argument(
    "--smoke", action="store_true", help="small generated data, small model, 1 epoch"
)
args = parser.parse_args()

keras.utils.set_random_seed(7)

max_features = 1000 if args.smoke else 20000  # Only consider the top 20k words
maxlen = 32 if args.smoke else 200  # Only consider the first 200 words of each review
embedding_dim = 16 if args.smoke else 128
lstm_units = 8 if args.smoke else 64

# Input for variable-length sequences of integers
inputs = keras.Input(shape=(None,), dtype="int32")
# Embed each integer in a 128-dimensional vector
x = layers.Embedding(max_features, embedding_dim)(inputs)
# Add 2 bidirectional LSTMs
x = layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(lstm_units))(x)
# Add a classifier
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()

if args.smoke:
    (x_train, y_train), (x_val, y_val) = (
        make_fake_reviews(256, max_features),
        make_fake_reviews(64, max_features, seed=1),
    )
else:
    (x_train, y_train), (x_val, y_val) = keras.datasets.imdb.load_data(
        num_words=max_features
    )
print(len(x_train), "Training sequences")
print(len(x_val), "Validation sequences")
# Use pad_sequence to standardize sequence length:
# this will truncate sequences longer than 200 words and zero-pad sequences shorter
# than 200 words.
x_train = keras.utils.pad_sequences(x_train, maxlen=maxlen)
x_val = keras.utils.pad_sequences(x_val, maxlen=maxlen)

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(
    x_train,
    y_train,
    batch_size=32,
    epochs=1 if args.smoke else 2,
    validation_data=(x_val, y_val),
)

loss, accuracy = model.evaluate(x_val, y_val, verbose=0)
print(f"Validation loss: {loss:.4f}")
print(f"Validation accuracy: {accuracy:.4f}")
