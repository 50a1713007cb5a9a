"""Read one temporal phrase into a TIMEX3 type and value, relative to the publication date.

Values follow the TimeML TIMEX3 guidelines (v1.2.1): "2013-03-22", "2013-W11", "2012-SU", "P15Y",
"PRESENT_REF". As in HeidelTime's news strategy (Strötgen & Gertz 2013), deictic phrases ("last week")
resolve against the publication date, and undated months and weekdays by the tense of their clause:
a past verb picks the latest occurrence not after publication, a future verb the next one.
Without a publication date, deictic phrases keep only day offsets (``relative_days``).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from ...lexicons import lexicon_path, read_rows
from .calendar import MONTHS, NUMBERS, PARTS, SEASONS, UNITS, WEEKDAYS, interval
from .rules import Reading, build_rules

LEXICON = lexicon_path("time_words.tsv")
# Anchors used when the publication date is unknown: every day of one ordinary year, so offsets cover
# any position in a week, month or year.
SAMPLE_ANCHORS = tuple(date(2021, 1, 1) + timedelta(days=i) for i in range(0, 365, 3))

LEAD = re.compile(r"^(?:(?:about|around|approximately|roughly|nearly|almost|just|only|some|fully|barely|"
                  r"more than|less than|over|under|at least|at most|up to|a mere|mere|a full|well over|"
                  r"the first|the|on|at|during|of|a further|another)\s+)+")
EDGE = re.compile(r"^(early|late|earlier|later|mid|the end of|the beginning of|the start of|the middle of|the turn of|"
                  r"end of|beginning of|start of|middle of)(?:\s+|-)")
PREP = re.compile(r"^(in|within|by|before|until|till|after|since|from|for|over)\s+")
TAIL = re.compile(r"\s+(earlier|later|before|after|prior|beforehand|afterwards|long|old|or so)$")
NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
UNIT = r"(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")s?"
MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
SEASON = r"(" + "|".join(SEASONS) + r")"
PART = r"(" + "|".join(PARTS) + r")"
# (compiled pattern over the cleaned phrase, builder(match, tense, prep) -> Reading | None), in order
RULES = build_rules(NUM=NUM, UNIT=UNIT, MONTH=MONTH, WEEKDAY=WEEKDAY, SEASON=SEASON, PART=PART)


def load_words(path: str | Path) -> dict[str, tuple[str, str, bool]]:
    """Rows of a time-words file (the format of lexicons/time_words.tsv)."""
    rows = {}
    for phrase, type_, value, horizon in (cells[:4] for cells in read_rows(Path(path))):
        rows[phrase.lower()] = (type_, value, horizon == "yes")
    return rows


@lru_cache(maxsize=1)
def fixed_words() -> dict[str, tuple[str, str, bool]]:
    return load_words(LEXICON)


def extend_words(path: str | Path) -> None:
    """Add a user's rows to the fixed time words (for every pipeline in this process)."""
    fixed_words().update(load_words(path))
    read_cached.cache_clear()


def clean(text: str) -> tuple[str, str | None]:
    """Lower case, number words and hyphens normalized; the leading preposition split off."""
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"'s?$|'$", "", s.strip())
    s = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<=\d)-(?=[a-z])", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,.;:")
    prep = None
    m = PREP.match(s)
    if m and s not in fixed_words():
        prep, s = m.group(1), s[m.end():]
    s = TAIL.sub("", LEAD.sub("", s))
    return s, prep


def read(text: str, anchor: date | None, tense: str = "none") -> dict | None:
    """The contract dict (type, value, earliest, latest, relative_days, horizon, open, rule), or None."""
    raw = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" ,.;:")
    if raw in fixed_words():
        return realize(_fixed(*fixed_words()[raw]), anchor, None)
    s, prep = clean(text)
    if not s:
        return None
    if prep == "before" and re.match(r"(the )?end of ", s):
        prep = "by"  # "before the end of the year" ends with the year, not before it begins
    reading = interpret(s, prep, tense)
    if reading is None:
        return None
    side = re.match(r"(later|earlier) ", s)
    return realize(reading, anchor, prep or (side and f"{side.group(1)}_in"))


def interpret(s: str, prep: str | None, tense: str) -> Reading | None:
    words = fixed_words()
    if s in words or (prep and f"{prep} {s}" in words):
        return _fixed(*words.get(s) or words[f"{prep} {s}"])
    edge = EDGE.match(s)
    core = s[edge.end():] if edge else s
    if edge:  # "the end of the year" reads as this year, "early next month" as next month
        core = re.sub(r"^(?:the |this )?(?=(?:fiscal )?(?:" + "|".join(UNITS) + r")$)", "this ", core)
    for pattern, build in RULES:
        m = pattern.fullmatch(core)
        if m:
            reading = build(m, tense, prep)
            if reading is not None:
                return reading
    return None


def realize(r: Reading, anchor: date | None, prep: str | None) -> dict:
    """Turn a reading into the contract's fields, with the anchor or, lacking one, day offsets."""
    out = {"type": r.type, "value": r.value, "earliest": None, "latest": None, "relative_days": None,
           "horizon": False, "open": r.open, "rule": r.rule}
    deictic = r.resolve is not None and r.relative
    if anchor is None:
        if deictic:
            return _offsets(r, out, prep)
        if r.unanchored is not None:
            out["value"] = r.unanchored
            return out
        lo, hi = _span_of(r.type, r.value)
        return {**out, "earliest": _iso(lo), "latest": _iso(hi)}
    if r.resolve is None:
        value, (lo, hi) = r.value, _span_of(r.type, r.value)
    else:
        value, lo, hi = r.resolve(anchor)
    lo, hi, is_open, horizon = _bounded(prep, anchor, lo, hi, r.open)
    out.update(value=value, earliest=_iso(lo), latest=_iso(hi), open=is_open, horizon=horizon)
    if deictic or (horizon and prep):
        out["relative_days"] = [_days(lo, anchor), _days(hi, anchor)]
    return out


def _span_of(type_: str, value: str | None) -> tuple[date | None, date | None]:
    return interval(value) if type_ in ("DATE", "TIME") and value else (None, None)


def _bounded(prep: str | None, anchor: date, lo: date | None, hi: date | None, is_open: bool):
    """Prepositions turn a date into a horizon: "by X" = [publication, X], "after X" = (X, open)."""
    if prep in ("by", "before", "until", "till") and hi and hi >= anchor:
        lo, hi = anchor, (lo - timedelta(days=1) if prep == "before" and lo else hi)
    elif prep == "after" and hi:
        lo, hi, is_open = hi + timedelta(days=1), None, True
    elif prep == "since" and lo:
        hi = anchor
    elif prep == "later_in" and lo and hi and lo < anchor <= hi:  # "later this year": the rest of it
        lo = anchor
    elif prep == "earlier_in" and lo and hi and lo <= anchor < hi:  # "earlier this month": up to now
        hi = anchor
    horizon = bool(lo and lo >= anchor and ((hi is None and is_open) or (hi and hi > anchor)))
    return lo, hi, is_open, horizon


def _offsets(r: Reading, out: dict, prep: str | None) -> dict:
    """No publication date: the range of day offsets over anchors anywhere in a year."""
    los, his, value = [], [], None
    for anchor in SAMPLE_ANCHORS:
        value, lo, hi = r.resolve(anchor)
        lo, hi, is_open, _ = _bounded(prep, anchor, lo, hi, r.open)
        los.append(_days(lo, anchor))
        his.append(_days(hi, anchor))
    lo_d = None if None in los else min(los)
    hi_d = None if None in his else max(his)
    out.update(value=r.unanchored or _ref(lo_d, hi_d, value), relative_days=[lo_d, hi_d],
               horizon=lo_d is not None and lo_d >= 0 and (hi_d is None or hi_d > 0))
    return out


def _ref(lo: int | None, hi: int | None, value: str) -> str:
    """A value that holds for any publication date: REF words for dates, durations kept."""
    if value.endswith("_REF") or value.startswith("P"):
        return value
    if lo is not None and lo >= 0 and (hi is None or hi > 0):
        return "FUTURE_REF"
    if hi is not None and hi <= 0 and (lo is None or lo < 0):
        return "PAST_REF"
    return "PRESENT_REF"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _days(d: date | None, anchor: date) -> int | None:
    return (d - anchor).days if d else None


def _fixed(type_: str, value: str, horizon: bool) -> Reading:
    if value.endswith("_REF"):
        def resolve(anchor: date):
            if value == "PRESENT_REF":
                return value, anchor, anchor
            return value, (anchor if value == "FUTURE_REF" else None), (None if horizon else anchor)
        return Reading(type_, None, resolve, open=horizon, rule="time_words")
    m = re.fullmatch(r"([+-]\d+)(T\w+)?", value)
    offset, part = int(m.group(1)), m.group(2) or ""

    def resolve(anchor: date):
        day = anchor + timedelta(days=offset)
        return day.isoformat() + part, day, day
    return Reading(type_, None, resolve, rule="time_words")




RANGE = re.compile(r"^(?:(?:between|from)\s+)?(.+?)\s*(?:-|\u2013|\u2014|\bto\b|\band\b|\bthrough\b|\buntil\b)\s*(.+)$",
                   re.I)


def split_range(text: str) -> list[tuple[int, int, str]] | None:
    """"2009-2010", "1957-58", "12 and 18 months", "March 3-5": the two ends as (start, end, phrase to read)."""
    m = RANGE.match(text)
    if not m:
        return None
    left, right = m.group(1), m.group(2)
    ends = [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
    if re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{2}", right):
        right_text, left_text = left[:2] + right, left
    elif re.fullmatch(r"\d+|[a-z]+", left, re.I) and re.fullmatch(r"(\S+) ([a-z]+)", right, re.I) and \
            clean(right.split()[-1])[0].rstrip("s") in UNITS and not re.fullmatch(r"\d{4}", left):
        left_text, right_text = f"{left} {right.split()[-1]}", right
    elif re.fullmatch(r"\d{1,2}", right) and re.fullmatch(r"[A-Za-z]+\.? \d{1,2}", left):
        left_text, right_text = left, f"{left.split()[0]} {right}"
    else:
        left_text, right_text = left, right
    if interpret(*clean(left_text), "none") is None or interpret(*clean(right_text), "none") is None:
        return None
    return [(ends[0][0], ends[0][1], left_text), (ends[1][0], ends[1][1], right_text)]


@lru_cache(maxsize=4096)
def read_cached(text: str, anchor: date | None, tense: str) -> tuple | None:
    """``read`` memoized per phrase, date and tense (news repeats "Friday", "last year" ...)."""
    out = read(text, anchor, tense)
    return None if out is None else tuple(out.items())
