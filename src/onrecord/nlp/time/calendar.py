"""Calendar arithmetic and TIMEX3 value formats for onrecord_time (no NLP here).

Value formats from the TimeML TIMEX3 guidelines (v1.2.1) and ISO 8601: days "2013-03-22", ISO weeks
"2013-W12", months "2013-03", quarters "2013-Q1", seasons "2013-SU", years, decades "201",
centuries "19", half years "2013-H2", times "2013-03-22T15:00", durations "P2W", "PT3H".
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12, "half a": 0.5, "a half": 0.5,
    # vague amounts: the TIMEX3 "X" placeholder
    "several": None, "a few": None, "few": None, "many": None, "some": None, "numerous": None,
    "recent": None, "coming": None, "a number of": None, "dozens of": None, "hundreds of": None,
}
# unit -> (TIMEX3 letter, is a time-of-day unit, length in days for offsets)
UNITS = {
    "second": ("S", True, 0), "minute": ("M", True, 0), "hour": ("H", True, 0), "day": ("D", False, 1),
    "night": ("D", False, 1), "week": ("W", False, 7), "weekend": ("WE", False, 7),
    "fortnight": ("W2", False, 14), "month": ("M", False, 30), "quarter": ("Q", False, 91),
    "year": ("Y", False, 365), "decade": ("DE", False, 3652), "century": ("CE", False, 36524),
    "centurie": ("CE", False, 36524), "millennium": ("ML", False, 365242), "millennia": ("ML", False, 365242),
}
MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12}
MONTHS = {k.lower(): v for k, v in MONTHS.items()}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)} | {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def number(word: str | None) -> float | None:
    """A number from digits or words ("two", "a couple of"); None for vague ones ("several")."""
    if word is None:
        return 1
    word = word.strip()
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word) if "." in word else int(word)
    return NUMBERS.get(word)


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P2W, PT3H, PXY; decades and centuries as years (P10Y)."""
    letter, clock, _ = UNITS[unit]
    if n is not None and letter in ("DE", "CE", "ML"):
        n, letter = n * {"DE": 10, "CE": 100, "ML": 1000}[letter], "Y"
    if letter == "W2":
        n, letter = (None if n is None else n * 2), "W"
    if letter == "WE":
        letter = "WE"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    return f"P{'T' if clock else ''}{amount}{letter}"


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def shift(d: date, n: float, unit: str) -> date:
    """The date n units after d (negative n: before)."""
    letter, clock, days = UNITS[unit]
    if letter == "M" and not clock:
        return add_months(d, int(n))
    if letter == "Y":
        return add_months(d, int(12 * n))
    if letter in ("DE", "CE", "ML"):
        return add_months(d, int(12 * n * {"DE": 10, "CE": 100, "ML": 1000}[letter]))
    if clock:
        return d
    return d + timedelta(days=round(n * days))


def unit_value(d: date, unit: str) -> str:
    """The calendar unit containing d, as a TIMEX3 value ("2013-W12", "2013-03", "201")."""
    letter = UNITS[unit][0]
    if letter in ("D",):
        return d.isoformat()
    if letter in ("W", "W2"):
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if letter == "WE":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if letter == "M":
        return f"{d.year}-{d.month:02d}"
    if letter == "Q":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if letter == "Y":
        return str(d.year)
    if letter == "DE":
        return str(d.year)[:3]
    if letter == "CE":
        return str(d.year)[:2]
    return str(d.year)[:1]


def season_of(d: date) -> tuple[int, str]:
    """(year, code) of the season containing d; December counts to the next year's winter start year."""
    m = d.month
    if m in (12, 1, 2):
        return (d.year if m == 12 else d.year - 1), "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def interval(value: str) -> tuple[date | None, date | None]:
    """First and last day a TIMEX3 date value covers; (None, None) when it names no calendar span."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$", value)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            day = date(y, int(mo), int(d))
            return day, day
        if mo:
            return date(y, int(mo), 1), date(y, int(mo), calendar.monthrange(y, int(mo))[1])
        return date(y, 1, 1), date(y, 12, 31)
    m = re.match(r"^(\d{4})-W(\d{2})(-WE)?$", value)
    if m:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return (monday + timedelta(days=5) if m.group(3) else monday), monday + timedelta(days=6)
    m = re.match(r"^(\d{4})-Q([1-4])$", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return date(y, 3 * q - 2, 1), add_months(date(y, 3 * q - 2, 1), 3) - timedelta(days=1)
    m = re.match(r"^(\d{4})-H([12])$", value)
    if m:
        first = date(int(m.group(1)), 6 * int(m.group(2)) - 5, 1)
        return first, add_months(first, 6) - timedelta(days=1)
    m = re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value)
    if m:
        start = date(int(m.group(1)), SEASON_START[m.group(2)], 1)
        return start, add_months(start, 3) - timedelta(days=1)
    m = re.match(r"^(\d{2,3})$", value)
    if m:
        span = 10 ** (4 - len(value))
        first = int(value) * span
        return date(max(first, 1), 1, 1), date(first + span - 1, 12, 31)
    return None, None
