"""The shared sentence encoder loads from its PyPI package, offline, and ranks paraphrases above
unrelated sentences."""
from onrecord.encoder import DIMENSIONS, encode, similarity


def test_encoder_vectors_are_normalized_and_sized():
    vectors = encode(["Russia will withdraw its troops by March.", ""])
    assert vectors.shape == (2, DIMENSIONS)
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
    assert encode([]).shape == (0, DIMENSIONS)


def test_encoder_ranks_a_paraphrase_above_an_unrelated_sentence():
    scores = similarity(["Will Russia pull its forces out of Ukraine before 2023?"],
                        ["Russian troops will leave Ukraine by the end of 2022.",
                         "The central bank raised interest rates by half a point."])
    assert scores[0, 0] > scores[0, 1] + 0.2
