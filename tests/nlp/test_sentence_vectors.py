"""The accurate profile's sentence vectors are computed once per Doc and shared."""
from onrecord.nlp.sentence_vectors import CACHE_KEY, sentence_vector, sentence_vectors


def test_sentence_vectors_are_computed_once_per_doc(nlp):
    doc = nlp("Sanctions will bite by spring. The talks collapsed on Friday.")
    first = sentence_vectors(doc)
    assert len(first) == len(list(doc.sents))
    assert sentence_vectors(doc) is first is doc.user_data[CACHE_KEY]
    one, two = (sentence_vector(s) for s in doc.sents)
    assert abs(float(one @ one) - 1.0) < 1e-4 and float(one @ two) < 0.9
