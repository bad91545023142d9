"""Dates and spans of time as people write them in a message: "Friday 13th", "the 20th", "3 to 5 days"."""

from __future__ import annotations

import re
from typing import NamedTuple


class Date(NamedTuple):
    """A weekday, a day of the month, or both; without a year, as messages give them."""

    weekday: int | None  # 0 is Monday; 5 stands for the weekend too
    day: int | None
    month: int | None
    next: bool  # "next Tuesday": a week on, after any plain weekday


_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_NTH = r"(\d{1,2})(?:st|nd|rd|th)"
# Eleven groups, read by `parse`: next, weekday, its day, "next week" after it, nth, its month, day, its
# month, month, its day, weekend.
PATTERN = (
    rf"(next\s+)?(?:((?:{'|'.join(_WEEKDAYS)})day)(?:,?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+(?:of\s+)?{_MONTH})?)?(\s+next\s+week\b)?"
    rf"|(?:the\s+)?{_NTH}(?:\s+of)?(?:\s+({_MONTH}))?"
    rf"|(\d{{1,2}})\s+({_MONTH})"
    rf"|({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"|(?:the\s+)?(weekend))"
)
DATE = re.compile(rf"\b{PATTERN}", re.IGNORECASE)
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several)"
_UNIT = r"(?:working |business |calendar )?(?:minutes?|hours?|days?|weeks?|months?)"
# A span of time, a clock time or a relative day: what answers "how long?" and "when?" besides a date.
WHEN = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:-|–|to|or)\s*{_NUMBER})?[\s-]+{_UNIT}\b"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\b\d{1,2}:\d\d\b"
    r"|\b(?:today|tonight|tomorrow|overnight|next (?:week|month)|this (?:week|month|morning|afternoon|evening))\b",
    re.IGNORECASE,
)


def parse(match: re.Match) -> Date:
    """Return the date that a match of PATTERN (its last eleven groups) names."""
    nxt, weekday, weekday_day, next_week, nth, nth_month, day, day_month, month_day_month, month_day, weekend = (
        match.groups()[-11:]
    )
    if weekend:
        return Date(5, None, None, False)
    if weekday:
        index = next(i for i, stem in enumerate(_WEEKDAYS) if weekday.lower().startswith(stem))
        return Date(index, _int(weekday_day), None, bool(nxt or next_week))
    month = nth_month or day_month or month_day_month
    return Date(None, _int(nth or day or month_day), _month(month), False)


def not_after(said: Date, deadline: Date) -> bool:
    """Return True when `said` is the deadline or falls before it, as far as dates without a year tell."""
    if said.day is not None and deadline.day is not None:
        if said.month is not None and deadline.month is not None and said.month != deadline.month:
            return said.month < deadline.month
        if said.day < deadline.day and _next_month(said, deadline):
            return False
        return said.day <= deadline.day
    if said.weekday is not None and deadline.weekday is not None:
        if said.next and not deadline.next:
            return False
        return said.weekday <= deadline.weekday or said.next < deadline.next
    # Without a calendar, a weekday in the reply is taken at its word: it is at most a week away. A day
    # of the month is not, against a weekday deadline: "on the 24th" does not say it is before Friday.
    return said.weekday is not None


def _next_month(said: Date, deadline: Date) -> bool:
    """Return True when the weekdays put an earlier day of the month in the next month.

    "Tuesday 2nd" is 26 days before "Friday 28th" in the same month, which would make it a Monday:
    a Tuesday, four days on, is the 2nd of the month after.
    """
    if said.weekday is None or deadline.weekday is None or said.day is None or deadline.day is None:
        return False
    return (said.day - deadline.day) % 7 != (said.weekday - deadline.weekday) % 7


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _month(text: str | None) -> int | None:
    return _MONTHS.index(text[:3].lower()) + 1 if text else None
