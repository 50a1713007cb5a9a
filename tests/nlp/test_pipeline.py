"""The assembled pipeline: line breaks that end headings become sentence boundaries."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, first_sentence", [
    ("Why the truce will fail\n\nThe talks ended on Monday.", "Why the truce will fail"),
    ("Why the truce will fail\nBy Ann Lee\nThe talks ended.", "Why the truce will fail"),
    ("Nobody came to the meeting that the ministers had called for\nMonday morning, and the talks ended.",
     "Nobody came to the meeting that the ministers had called for\nMonday morning, and the talks ended."),
])
def test_headings_end_at_their_line_break_but_wrapped_prose_does_not(nlp, text, first_sentence):
    doc = nlp(text)
    assert next(doc.sents).text.strip() == first_sentence
