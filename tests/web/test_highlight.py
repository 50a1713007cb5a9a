"""Highlights stay well-formed HTML however spans overlap, and never let markup through."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from onrecord.web.highlight import Mark, highlight, marks_of


class Balance(HTMLParser):
    """Fails on a closing tag that does not match the innermost open one."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.ids = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def check(html: str) -> Balance:
    parser = Balance()
    parser.feed(html)
    assert parser.errors == [] and parser.stack == [], html
    assert len(parser.ids) == len(set(parser.ids)), "an id appears twice"
    return parser


def visible(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


TEXT = "The minister said that talks will fail soon.\n\nThen he left."


@pytest.mark.parametrize("spans", [
    [(0, 12, "claim"), (4, 12, "actor")],                       # nested, same end
    [(0, 20, "quote"), (10, 40, "forecast")],                   # crossing
    [(4, 12, "actor"), (4, 12, "event")],                       # identical
    [(0, 44, "claim"), (13, 17, "quote-cue"), (23, 43, "forecast"), (29, 33, "probability"), (23, 28, "actor")],
    [(30, 55, "forecast")],                                     # across a paragraph break
    [(0, 5, "actor"), (5, 10, "event"), (10, 15, "claim")],     # touching
])
def test_overlapping_spans_render_as_well_formed_nested_marks(spans):
    html = highlight(TEXT, [Mark(s, e, kind, f"{kind}-{n}") for n, (s, e, kind) in enumerate(spans)])
    check(html)
    assert visible(html).replace("\n", "") == TEXT.replace("\n", "")
    for n, (_, _, kind) in enumerate(spans):
        assert f'id="at-{kind}-{n}"' in html


def test_a_span_split_by_nesting_keeps_its_id_on_the_first_piece_only():
    html = highlight(TEXT, [Mark(0, 20, "quote", "quote-q1"), Mark(10, 40, "forecast", "forecast-f1")])
    assert html.count('data-item="forecast-f1"') == 2
    assert html.count('id="at-forecast-f1"') == 1


@pytest.mark.parametrize("text", [
    '<script>alert(1)</script> and more',
    'He said " onmouseover="alert(1)" x=" and left',
    "<img src=x onerror=alert(2)> & <b>bold</b>",
])
def test_text_is_escaped_inside_and_outside_marks(text):
    html = highlight(text, [Mark(0, len(text) // 2, "claim", 'claim-"x'), Mark(3, len(text), "quote", "quote-q1")])
    check(html)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'data-item="claim-&quot;x"' in html
    assert visible(html) == text


def test_marks_outside_the_text_are_dropped():
    analysis = {"claims": [{"id": "c1", "span": {"start": 5, "end": 500}}],
                "actors": [{"id": "a", "mentions": [{"start": 0, "end": 3}, {"start": -1, "end": 2}]}]}
    assert marks_of(analysis, "The text") == [Mark(0, 3, "actor", "actor-a")]


def test_check_worthy_claims_are_marked_apart_from_other_claims():
    text = "Prices rose by 12 percent. Thank you all."
    analysis = {"claims": [{"id": "c1", "span": {"start": 0, "end": 26}, "check_worthy": True},
                           {"id": "c2", "span": {"start": 27, "end": 41}, "check_worthy": False}]}
    html = highlight(text, marks_of(analysis, text))
    check(html)
    assert html.count("hl-check-worthy") == 1
    assert re.search(r'<mark class="hl hl-claim hl-check-worthy"[^>]*data-item="claims-c1"', html)
    assert re.search(r'<mark class="hl hl-claim"[^>]*data-item="claims-c2"', html)
