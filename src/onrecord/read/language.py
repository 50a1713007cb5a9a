"""Is this text language at all? Random bytes without a NUL decode as latin-1 "text"; they are refused (E111).

Three measures on a sample of the text: the share of letters among the non-space characters; the share
of words shaped like words (lower case, Title Case or CAPITALS, not "kÅxQé"); and, for text in the
Latin alphabet, the share of words among the most common English words. On our corpora: at least 97%
well-shaped words and 28% common words (the one Ukrainian address is not in the Latin alphabet and
is let through); random bytes decoded as latin-1: about 48% letters and 20-31% well-shaped words.
Short texts are let through: too few words to judge.
"""
from __future__ import annotations

import re

from ..errors import ReadError

SAMPLE = 20_000  # characters judged, from the start: enough to decide, cheap for any size
MIN_CHARS = 200  # below this, nothing is judged
MIN_WORDS = 40
MIN_LETTERS = 0.5
MIN_SHAPED = 0.7
MIN_COMMON = 0.05
WORD = re.compile(r"[^\W\d_]+")
LONG_WORD = re.compile(r"[^\W\d_]{3,}")
# The most frequent English words (function words and a few common verbs), from the top of the
# Oxford English Corpus frequency list; a sample of prose with under 5% of them is not English prose.
COMMON = frozenset("""
the be is are was were been being am to of and a an in that have has had i it for not on with he as you
do does did at this but his by from they we say said her she or will my one all would there their what so
up out if about who get which go me when make can like time no just him know take people into year your
good some could them see other than then now look only come its over think also back after use two how our
work first well way even new want because any these give day most us should may must might shall
""".split())


def check_language(text: str, where: str = "") -> None:
    """Raise E111 when the text is long enough to judge and is mostly not language."""
    sample = text[:SAMPLE]
    visible = [c for c in sample if not c.isspace()]
    if len(visible) < MIN_CHARS:
        return
    letters = sum(c.isalpha() for c in visible) / len(visible)
    if letters < MIN_LETTERS:
        raise ReadError("E111", f"only {letters:.0%} of its characters are letters; is it a binary or data "
                                "file?", where)
    long_words = LONG_WORD.findall(sample)
    if len(long_words) >= MIN_WORDS:
        shaped = sum(w.islower() or w.istitle() or w.isupper() for w in long_words) / len(long_words)
        if shaped < MIN_SHAPED:
            raise ReadError("E111", f"only {shaped:.0%} of its words look like words (mixed case inside words); "
                                    "is it a binary file?", where)
    words = WORD.findall(sample.lower())
    if len(words) < MIN_WORDS or sum(c.isascii() for c in visible if c.isalpha()) < len(visible) * letters / 2:
        return  # too short to judge, or not in the Latin alphabet: the common-word list does not apply
    common = sum(w in COMMON for w in words) / len(words)
    if common < MIN_COMMON:
        raise ReadError("E111", f"only {common:.1%} of its words are common English words; onrecord reads "
                                "English prose", where)
