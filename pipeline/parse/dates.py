"""Dates as pages declare them, turned into ISO 8601.

Most pages declare ISO 8601 already, and it is kept as written (time zone included). Many others write
"19 Nov 2019 07:09 GMT", "Tue Nov 19 2019 05:44:06 GMT+0000" (JavaScript's Date), "Wed, 20 Nov 2019 13:38:07
+0530" (RFC 2822), "2019-11-18 17:19:53 UTC", or the date in their own language: "3 de noviembre de 2025",
"3. März 2025", "3 listopada 2025", "3 ноября 2025 г.", "03.11.2025", "2025年11月3日". Those are read with
dateutil, given the month names of the languages the parser knows. A date is only taken when the text names its
year, month and day without doubt: "03/04/2019" (March or April?), "Nov 2019" and "2 hours ago" give None
rather than a guess. Words around a date ("Published on November 18, 2019") are skipped.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from functools import cache
from typing import Any, ClassVar

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")

# Month names and their usual abbreviations, January first: es, fr, de, pt, it, nl, then pl, sv, da, tr, ru
# (nominative and the genitive that dates use) and id. English comes with dateutil. Abbreviations that are also
# common words of another language ("ago", "out", "set") are left out.
_MONTHS = tuple(names.split() for names in (
    "enero ene janvier janv janeiro gennaio januar jänner januari styczeń stycznia ocak январь января",
    "febrero février fevrier févr fevereiro fev febbraio februar februari luty lutego şubat subat февраль февраля",
    "marzo mars märz maerz mär março marco maart mrt marzec marca marts mart март марта maret",
    "abril avril abr aprile kwiecień kwietnia nisan апрель апреля",
    "mayo mai maio maggio mei maj maja mayıs mayis май мая",
    "junio juin junho giugno juni giu czerwiec czerwca haziran июнь июня",
    "julio juillet juil julho luglio juli lug lipiec lipca temmuz июль июля",
    "agosto août aout augustus sierpień sierpnia augusti ağustos agustos agustus август августа",
    "septiembre setiembre septembre setembro settembre wrzesień września eylül eylul сентябрь сентября",
    "octubre octobre outubro ottobre oktober okt ott październik października ekim октябрь октября",
    "noviembre novembre novembro listopad listopada kasım kasim ноябрь ноября",
    "diciembre décembre decembre déc dezembro dicembre dezember dez dic grudzień grudnia aralık aralik декабрь "
    "декабря desember",
))
_ENGLISH = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_YEAR_FIRST = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b")
_DAY_FIRST_DOTTED = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b")  # "03.11.2025": day first wherever it is used
_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# dateutil reads "GMT+3" the POSIX way, as three hours *behind* GMT; without the name the offset means what
# the page meant.
_ZONE_NAME_BEFORE_OFFSET = re.compile(r"\b(?:GMT|UTC)(?=[+-]\d)")
_UTC_NAMES = re.compile(r"\s*\b(?:GMT|UTC|Z)\s*$")
_MAX_CHARS = 64
_FIRST_YEAR = 1000
# Two defaults that differ in every field: a field that comes out differently was not in the text.
_DEFAULT_A = datetime(2001, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2002, 2, 2, 1, 1, 1)


_MONTH_NAME = re.compile(
    rf"(?<!\w)(?:(?:{_ENGLISH})[a-z]*|{'|'.join(name for names in _MONTHS for name in names)})\.?(?!\w)",
    re.IGNORECASE,
)


def iso_date(text: str | None) -> str | None:
    """The date or date-time in ``text`` as ISO 8601, or None when it names no certain calendar day."""
    if not text or len(text := text.strip()) > _MAX_CHARS:
        return None
    if _ISO.match(text):
        if int(text[:4]) < _FIRST_YEAR:
            return None  # "0001-01-01": a framework's empty date, not a day
        return text.replace(" ", "T", 1) if len(text) > 10 else text
    if match := _CJK_DATE.search(text):
        return _checked_date(int(match[1]), int(match[2]), int(match[3]))
    if not _YEAR.search(text):
        return None
    if _MONTH_NAME.search(text) or _YEAR_FIRST.match(text):
        return _parse_loose(text, day_first=False)
    if _DAY_FIRST_DOTTED.match(text):
        return _parse_loose(text, day_first=True)
    return None


def _checked_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def _parse_loose(text: str, day_first: bool) -> str | None:
    text = _UTC_NAMES.sub(" +00:00", _ZONE_NAME_BEFORE_OFFSET.sub("", text))
    parser = _parser()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown zone name ("EST") is dropped, not an error
            first = parser.parse(text, default=_DEFAULT_A, fuzzy=True, dayfirst=day_first)
            second = parser.parse(text, default=_DEFAULT_B, fuzzy=True, dayfirst=day_first)
    except (ValueError, OverflowError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # part of the day is missing
    if first.year < _FIRST_YEAR or str(first.year) not in _YEAR.findall(text):
        return None  # a number that is not a year was taken for one ("12 mars 2024•6 min": 2006)
    if first.hour != second.hour:
        return first.date().isoformat()
    if first.tzinfo is not None and first.utcoffset() is None:
        first = first.replace(tzinfo=None)
    return first.isoformat()


@cache
def _parser() -> Any:
    """dateutil's parser, knowing the month names above; built on first use, so that only pages that declare
    dates loosely pay for loading dateutil."""
    from dateutil import parser

    class _Names(parser.parserinfo):  # type: ignore[misc]
        MONTHS: ClassVar[list[tuple[str, ...]]] = [
            (*english, *_MONTHS[month]) for month, english in enumerate(parser.parserinfo.MONTHS)
        ]

    return parser.parser(_Names())
