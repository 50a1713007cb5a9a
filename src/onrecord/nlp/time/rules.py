"""The phrase rules of onrecord_time: each a pattern over a cleaned phrase and a builder of a Reading.

Absolute phrases get a fixed value; deictic ones ("last week", "in two weeks", "Friday") a function of
the publication date. Month names and weekdays without a year follow the clause's tense (see timeparse).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import (MONTHS, PARTS, SEASON_START, SEASONS, UNITS, WEEKDAYS, add_months,
                                 duration, interval, number, season_of, shift, unit_value)

VAGUE = (2, 7)  # "a few weeks", "several months": two to seven units, for offsets only
BACK = {"last", "past", "previous", "recent", "those", "preceding"}
AHEAD = {"next", "coming", "following", "upcoming"}


@dataclass(frozen=True)
class Reading:
    """What a phrase means: a value, or a function of the anchor date giving value and interval."""
    type: str
    value: str | None = None          # fixed value (absolute phrases)
    resolve: object = None            # callable(anchor) -> (value, earliest, latest) for deictic phrases
    unanchored: str | None = None     # value without the anchor ("XXXX-04-24", "XXXX-WXX-5")
    open: bool = False
    rule: str = ""
    relative: bool = True             # offsets from publication mean something ("Friday": yes; "April 24": no)


def _reading(type_, value=None, resolve=None, year_free=None, open_=False, rule="", unanchored=None):
    """A Reading; ``year_free`` is the value of a date whose year (only) comes from the anchor."""
    return Reading(type_, value, resolve, year_free or unanchored, open_, rule, relative=year_free is None)


NEAR_DAYS = 31  # a dated day this close to publication is the one meant, whatever the tense


def pick_year(month: int, day: int | None, anchor: date, tense: str) -> int:
    """The year of an undated "April 24" or "June": past tense looks back, future ahead, else nearest."""
    def first(y):
        return date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))

    def last(y):
        return first(y) if day else add_months(date(y, month, 1), 1) - timedelta(days=1)
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    nearest = min(years, key=lambda y: abs((first(y) - anchor).days + (last(y) - anchor).days))
    if tense == "past":
        chosen = max(y for y in years if first(y) <= anchor)
    elif tense == "future":
        chosen = min(y for y in years if last(y) >= anchor)
    else:
        return nearest
    # "We are told February 16 will be the day" in a text dated a week later means this February,
    # not next year's: the tense only decides when the nearest reading is not close at hand.
    if day and abs((first(nearest) - anchor).days) <= NEAR_DAYS < abs((first(chosen) - anchor).days):
        return nearest
    return chosen


def pick_weekday(weekday: int, anchor: date, tense: str, qualifier: str | None) -> date:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if qualifier == "last" or (qualifier is None and tense == "past"):
        return anchor - timedelta(days=back or (7 if qualifier else 0))
    if qualifier in ("next", "coming") or tense == "future":
        return anchor + timedelta(days=ahead or (7 if qualifier else 0))
    if qualifier == "this":
        return anchor + timedelta(days=weekday - anchor.weekday())
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


def _day(d: date) -> tuple[str, date, date]:
    return d.isoformat(), d, d


def year(m, tense, prep):
    y = int(m.group(1))
    return _reading("DATE", str(y), rule="year") if 1000 <= y <= 2199 else None


def decade(m, tense, prep):
    digits = m.group(1)
    if len(digits) == 2:
        digits = ("19" if int(digits) >= 30 else "20") + digits[0]
    return _reading("DATE", digits, rule="decade")


def century(m, tense, prep):
    n = int(m.group(1))
    return _reading("DATE", f"{n - 1:02d}", rule="century") if 0 < n < 30 else None


def month_year(m, tense, prep):
    return _reading("DATE", f"{m.group(2)}-{MONTHS[m.group(1)]:02d}", rule="month_year")


def full_date(month: int, day: int, y: int):
    try:
        return _reading("DATE", date(y, month, day).isoformat(), rule="full_date")
    except ValueError:
        return None


def month_day(month: int, day: int, tense: str):
    if not 1 <= day <= 31:
        return None

    def resolve(anchor):
        y = pick_year(month, day, anchor, tense)
        try:
            return _day(date(y, month, day))
        except ValueError:
            return f"{y}-{month:02d}", None, None
    return _reading("DATE", None, resolve, year_free=f"XXXX-{month:02d}-{day:02d}", rule="month_day")


def month_only(m, tense, prep):
    qualifier, month = m.group(1), MONTHS[m.group(2)]

    def resolve(anchor):
        if qualifier == "last":
            y = anchor.year if month < anchor.month else anchor.year - 1
        elif qualifier in AHEAD:
            y = anchor.year if month > anchor.month else anchor.year + 1
        elif qualifier == "this":
            y = anchor.year
        else:
            y = pick_year(month, None, anchor, tense)
        start = date(y, month, 1)
        return f"{y}-{month:02d}", start, add_months(start, 1) - timedelta(days=1)
    free = None if qualifier else f"XXXX-{month:02d}"
    return _reading("DATE", None, resolve, year_free=free, rule="month")


def weekday(m, tense, prep):
    qualifier, wd, part, clock = m.group(1), WEEKDAYS[m.group(2)], m.group(3), m.group(4)
    suffix = f"T{PARTS[part]}" if part else (clock or "")

    def resolve(anchor):
        d = pick_weekday(wd, anchor, tense, qualifier)
        return d.isoformat() + suffix, d, d
    free = None if qualifier else f"XXXX-WXX-{wd + 1}{suffix}"
    return _reading("TIME" if suffix else "DATE", None, resolve, rule="weekday", unanchored=free)


def clock_time(m, tense, prep):
    """"8 PM", "15:00 GMT": a time of the publication day (a weekday may name the day)."""
    hour, minute, half = int(m.group(1)), m.group(2), (m.group(3) or "").replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 24 or (not half and not minute):
        return None
    return f"T{hour:02d}" + (f":{minute}" if minute else "")


def time_of_day(m, tense, prep):
    clock = clock_time(m, tense, prep)
    if clock is None:
        return None
    if m.group(4):
        return weekday(_Groups(None, m.group(4), None, clock), tense, prep)

    def resolve(anchor):
        return anchor.isoformat() + clock, anchor, anchor
    return _reading("TIME", None, resolve, rule="clock")


class _Groups:
    """A stand-in match object, to reuse a builder with computed groups."""
    def __init__(self, *groups):
        self.groups_ = groups

    def group(self, i):
        return self.groups_[i - 1]


def stopwatch(m, tense, prep):
    h, mi, s = (int(g) for g in m.groups())
    return _reading("DURATION", f"PT{h}H{mi}M{s}S" if h else f"PT{mi}M{s}S", rule="stopwatch")


def ago(m, tense, prep):
    n, unit = number(m.group(1)), m.group(2)
    if unit not in UNITS or UNITS[unit][1]:
        return None

    def resolve(anchor):
        if n is None:
            return "PAST_REF", shift(anchor, -VAGUE[1], unit), shift(anchor, -VAGUE[0], unit)
        d = shift(anchor, -n, unit)
        return unit_value(d, unit), d, d
    return _reading("DATE", None, resolve, rule="ago")


def relative_unit(m, tense, prep):
    """"last week", "this year", "next month", "the end of the year" (edge words were stripped)."""
    qualifier, unit = m.group(1), m.group(2)
    if unit in SEASONS:
        return season(qualifier, SEASONS[unit], "future" if prep in ("by", "until", "till", "before") else tense)
    if unit not in UNITS or UNITS[unit][1]:
        return None
    if qualifier is None:
        return None
    if unit in ("decade", "century") and qualifier not in ("this", "current"):
        return _reading("DURATION", duration(1, unit), rule="relative_unit")
    step = -1 if qualifier in BACK else 1 if qualifier in AHEAD else 0

    def resolve(anchor):
        d = shift(anchor, step, unit)
        value = unit_value(d, unit)
        lo, hi = interval(value)
        return value, lo, hi
    return _reading("DATE", None, resolve, rule="relative_unit")


def season(qualifier, code, tense="none"):
    """"last summer": the latest summer begun before the current season; "next", the first after it;
    "this autumn" or a bare "autumn" in a future clause, the current one or the next to come."""
    def resolve(anchor):
        cy, cc = season_of(anchor)
        current = date(cy, SEASON_START[cc], 1)
        starts = [date(y, SEASON_START[code], 1) for y in range(anchor.year - 2, anchor.year + 2)]
        if qualifier in BACK:
            first = max(s for s in starts if s < current)
        elif qualifier is None and tense == "past":  # "in the spring the rebels retreated": this one, if begun
            first = max(s for s in starts if s <= current)
        elif qualifier in AHEAD:
            first = min(s for s in starts if s > current)
        elif qualifier == "this" or tense == "future":
            first = min(s for s in starts if s >= current)
        else:
            first = min(starts, key=lambda s: abs((s - current).days))
        return f"{first.year}-{code}", first, add_months(first, 3) - timedelta(days=1)
    return _reading("DATE", None, resolve, rule="season")


def amount(m, tense, prep):
    """"two weeks", "several months", "the past two years", "in two weeks", "within a month"."""
    qualifier, count, unit, plural = m.group(1), m.group(2), m.group(3), m.group(4)
    if unit not in UNITS or (count is None and not plural and (qualifier is None or UNITS[unit][1])):
        return None  # "day" alone, "the last minute"
    if count is None and not plural:
        count = "a"
    n = number(count) if count else None
    if count and n is None and count not in ("several", "a few", "few", "many", "some", "a number of"):
        return None
    value = duration(n, unit)
    ahead = (prep == "in" and count is not None) or prep == "within" or qualifier in AHEAD
    if qualifier in BACK or (not ahead):
        return _reading("DURATION", value, rule="duration")
    lo_n, hi_n = (n, n) if n is not None else VAGUE

    def resolve(anchor):
        lo, hi = shift(anchor, lo_n, unit), shift(anchor, hi_n, unit)
        if prep == "in" and n is not None:
            return (lo.isoformat() if UNITS[unit][2] <= 7 else unit_value(lo, unit)), lo, hi
        if prep == "in":
            return "FUTURE_REF", lo, hi
        return value, anchor, hi
    type_ = "DATE" if prep == "in" else "DURATION"
    return _reading(type_, None, resolve, rule="in_duration" if prep == "in" else "next_duration")


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}


def part_of_year(m, tense, prep):
    """"the first quarter", "the second half of 2021": TIMEX3 2022-Q1, 2021-H2."""
    nth, part, year_text = ORDINALS[m.group(1)], m.group(2), m.group(3)
    code = "Q" if part == "quarter" else "H"
    if code == "H":
        nth = min(nth, 2)
    months = 3 if code == "Q" else 6

    def bounds(y):
        first = date(y, months * (nth - 1) + 1, 1)
        return f"{y}-{code}{nth}", first, add_months(first, months) - timedelta(days=1)
    if year_text and year_text.isdigit():
        value, lo, hi = bounds(int(year_text))
        return _reading("DATE", value, rule="part_of_year")

    def resolve(anchor):
        y = anchor.year
        if not year_text and tense == "past" and bounds(y)[1] > anchor:
            y -= 1
        elif not year_text and tense == "future" and bounds(y)[2] < anchor:
            y += 1
        return bounds(y)
    return _reading("DATE", None, resolve, rule="part_of_year")


def every(m, tense, prep):
    what = m.group(1)
    if what in WEEKDAYS:
        return _reading("SET", f"XXXX-WXX-{WEEKDAYS[what] + 1}", rule="set")
    if what in PARTS:
        return _reading("SET", f"XXXX-XX-XXT{PARTS[what]}", rule="set")
    if what in UNITS:
        return _reading("SET", duration(1, what), rule="set")
    if what in SEASONS:
        return _reading("SET", f"XXXX-{SEASONS[what]}", rule="set")
    return None


ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
           "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biannually": "P6M"}


def adverb(m, tense, prep):
    return _reading("SET", ADVERBS[m.group(1)], rule="set")


def build_rules(*, NUM, UNIT, MONTH, WEEKDAY, SEASON, PART):
    """The patterns, most specific first; groups match the builders above."""
    D = r"(\d{1,2})(?:st|nd|rd|th)?"
    AMPM = r"(?:\s?(a\.?m\.?|p\.?m\.?))"
    TZ = r"(?:\s?(?:gmt|utc|bst|cet|et|est|edt|pt|pst|pdt|ct|cst|local time))?"
    QUAL = r"(?:(last|next|this|coming|past|previous|following|current|upcoming) )?"
    WD = r"(?:(last|next|this|coming) )?" + WEEKDAY + r"(?: " + PART + r")?()"
    rules = [
        (r"(?:the year |fiscal (?:year )?|fy ?)?(\d{4})", year),
        (r"(\d{3})0 ?'?s|'(\d0)s", lambda m, t, p: decade(_Groups(m.group(1) or m.group(2)), t, p)),
        (r"(\d{1,2})(?:st|nd|rd|th) (?:century|centurie)s?", century),
        (MONTH + r",? (?:of )?(\d{4})", month_year),
        (MONTH + r" " + D + r",? (\d{4})",
         lambda m, t, p: full_date(MONTHS[m.group(1)], int(m.group(2)), int(m.group(3)))),
        (D + r" (?:of )?" + MONTH + r",? (\d{4})",
         lambda m, t, p: full_date(MONTHS[m.group(2)], int(m.group(1)), int(m.group(3)))),
        (r"(\d{4})-(\d{2})-(\d{2})",
         lambda m, t, p: full_date(int(m.group(2)), int(m.group(3)), int(m.group(1)))),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})",
         lambda m, t, p: full_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))),
        (r"(?:(?:last|this|next) )?" + MONTH + r" " + D, lambda m, t, p: month_day(MONTHS[m.group(1)], int(m.group(2)), t)),
        (D + r" (?:of )?" + MONTH, lambda m, t, p: month_day(MONTHS[m.group(2)], int(m.group(1)), t)),
        (QUAL + MONTH, month_only),
        (WD, weekday),
        (r"(\d{1,2})(?::(\d{2}))?" + AMPM + "?" + TZ + r"(?:,? (?:on )?" + WEEKDAY + r")?", time_of_day),
        (r"(\d{1,2}):(\d{2}):(\d{2})", stopwatch),
        (r"(?:" + NUM + r" )?" + UNIT + r" ago", ago),
        (r"(?:" + NUM + r" )?" + UNIT + r" (?:from now|hence|from today)",
         lambda m, t, p: amount(_Groups(None, m.group(1), m.group(2), "s"), t, "in")),
        (r"(first|second|third|fourth|last|final) (quarter|half)(?: of (?:the |this )?(year|\d{4}))?",
         part_of_year),
        (QUAL + r"(?:fiscal )?(" + "|".join(UNITS) + "|" + "|".join(SEASONS) + r")", relative_unit),
        (r"(?:(last|past|next|coming|following|previous|recent|those|these|upcoming) )?"
         + r"(?:" + NUM + r" )?" + r"(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(s)?", amount),
        (r"(?:every|each|per) (?:other |single )?(\S+)", every),
        (r"(?:once|twice|\S+ times) (?:a|an|per|every|each) (\S+)", every),
        (r"(" + "|".join(ADVERBS) + r")", adverb),
    ]
    return [(re.compile(p), fn) for p, fn in rules]
