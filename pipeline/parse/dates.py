"""Dates as pages declare them, turned into ISO 8601.

Most pages declare ISO 8601 already, and it is kept as written (time zone included). Many others write
"19 Nov 2019 07:09 GMT", "Tue Nov 19 2019 05:44:06 GMT+0000" (JavaScript's Date), "Wed, 20 Nov 2019 13:38:07
+0530" (RFC 2822) or "2019-11-18 17:19:53 UTC": those are read with dateutil. A date is only taken when the
text names its year, month and day without doubt: "03/04/2019" (March or April?), "Nov 2019" and "2 hours ago"
give None rather than a guess. Words around a date ("Published on November 18, 2019") are skipped.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE
)
_YEAR_FIRST = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# dateutil reads "GMT+3" the POSIX way, as three hours *behind* GMT; without the name the offset means what
# the page meant.
_ZONE_NAME_BEFORE_OFFSET = re.compile(r"\b(?:GMT|UTC)(?=[+-]\d)")
_UTC_NAMES = re.compile(r"\s*\b(?:GMT|UTC|Z)\s*$")
_MAX_CHARS = 64
_FIRST_YEAR = "1000"
# Two defaults that differ in every field: a field that comes out differently was not in the text.
_DEFAULT_A = datetime(2001, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2002, 2, 2, 1, 1, 1)


def iso_date(text: str | None) -> str | None:
    """The date or date-time in ``text`` as ISO 8601, or None when it names no certain calendar day."""
    if not text or len(text := text.strip()) > _MAX_CHARS:
        return None
    if _ISO.match(text):
        if text < _FIRST_YEAR:
            return None  # "0001-01-01": a framework's empty date, not a day
        return text.replace(" ", "T", 1) if len(text) > 10 else text
    if not _YEAR.search(text) or not (_MONTH_NAME.search(text) or _YEAR_FIRST.match(text)):
        return None
    return _parse_loose(text)


def _parse_loose(text: str) -> str | None:
    from dateutil import parser  # only pages that declare dates loosely pay for loading it

    text = _UTC_NAMES.sub(" +00:00", _ZONE_NAME_BEFORE_OFFSET.sub("", text))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown zone name ("EST") is dropped, not an error
            first = parser.parse(text, default=_DEFAULT_A, fuzzy=True)
            second = parser.parse(text, default=_DEFAULT_B, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # part of the day is missing
    if first.year < int(_FIRST_YEAR):
        return None  # a number that is not a year was taken for one
    if first.hour != second.hour:
        return first.date().isoformat()
    if first.tzinfo is not None and first.utcoffset() is None:
        first = first.replace(tzinfo=None)
    return first.isoformat()
