"""Search snippets: clean text for the API, the matched words as offsets into it."""
from __future__ import annotations

import pytest

from onrecord.ledger.search import word_pattern
from onrecord.web.templating import snippet_html


@pytest.mark.parametrize("q, text, marked", [
    ("troops river", "The troops crossed the river.", ["troops", "river"]),
    ("pushed", "Russia pushes, Ukraine pushed back; a push.", ["pushes", "pushed", "push"]),
    ("sanctions", "New sanction packages", ["sanction"]),
    ("war", "The warlord and the war; Warsaw", ["warlord", "war", "Warsaw"]),  # any ending, as FTS5's prefix
    ("", "anything", []),
])
def test_snippet_words_match_with_any_ending(q, text, marked):
    pattern = word_pattern(q)
    assert ([m.group() for m in pattern.finditer(text)] if pattern else []) == marked


def test_snippet_html_escapes_the_text_and_marks_only_the_matches():
    text = '<b>Troops</b> & "tanks"'
    html = snippet_html(text, [[3, 9], [17, 22]])
    assert html == '&lt;b&gt;<mark>Troops</mark>&lt;/b&gt; &amp; &#34;<mark>tanks</mark>&#34;'
    assert snippet_html(text, [[30, 40]]) == '&lt;b&gt;Troops&lt;/b&gt; &amp; &#34;tanks&#34;'  # out of range: unmarked
