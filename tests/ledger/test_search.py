"""Search snippets: clean text for the API, the matched words as offsets into it."""
from __future__ import annotations

import pytest

from onrecord.ledger.search import CLOSE, OPEN, split_marks
from onrecord.web.templating import snippet_html


@pytest.mark.parametrize("marked, text, words", [
    (f"…the {OPEN}troops{CLOSE} crossed the {OPEN}river{CLOSE}…", "…the troops crossed the river…", ["troops", "river"]),
    (f"{OPEN}Kharkiv{CLOSE} held", "Kharkiv held", ["Kharkiv"]),
    ("no match here", "no match here", []),
    (f"an {OPEN}{CLOSE}empty mark", "an empty mark", []),
])
def test_snippets_split_into_clean_text_and_match_offsets(marked, text, words):
    clean, marks = split_marks(marked)
    assert clean == text
    assert [clean[start:end] for start, end in marks] == words


def test_snippet_html_escapes_the_text_and_marks_only_the_matches():
    text = '<b>Troops</b> & "tanks"'
    html = snippet_html(text, [[3, 9], [17, 22]])
    assert html == '&lt;b&gt;<mark>Troops</mark>&lt;/b&gt; &amp; &#34;<mark>tanks</mark>&#34;'
    assert snippet_html(text, [[30, 40]]) == '&lt;b&gt;Troops&lt;/b&gt; &amp; &#34;tanks&#34;'  # out of range: unmarked
