import pytest

from pipeline.parse.dates import iso_date


@pytest.mark.parametrize("declared", ["2024-05-01", "2024-05-01T08:00:00+02:00", "2024-05-01T08:00Z"])
def test_iso_dates_are_kept_as_declared(declared):
    assert iso_date(declared) == declared


@pytest.mark.parametrize(("declared", "expected"), [
    ("2019-11-18 17:19:53", "2019-11-18T17:19:53"),
    ("19 Nov 2019 07:09 GMT", "2019-11-19T07:09:00+00:00"),
    ("2019-11-18 17:19:53 UTC", "2019-11-18T17:19:53+00:00"),
    ("Tue Nov 19 2019 05:44:06 GMT+0530", "2019-11-19T05:44:06+05:30"),  # JavaScript's Date: east of GMT
    ("Wed, 20 Nov 2019 13:38:07 +0530", "2019-11-20T13:38:07+05:30"),
    ("November 18, 2019", "2019-11-18"),
    ("Published on Nov. 18, 2019", "2019-11-18"),
    ("2019/11/20", "2019-11-20"),
    ("3 de noviembre de 2025", "2025-11-03"),
    ("3. März 2025", "2025-03-03"),
    ("3 de março de 2025 às 10:00", "2025-03-03T10:00:00"),
    ("3 listopada 2025", "2025-11-03"),
    ("3 KASIM 2025", "2025-11-03"),
    ("3 ноября 2025 г.", "2025-11-03"),
    ("12 Agustus 2025", "2025-08-12"),
    ("03.11.2025", "2025-11-03"),  # dotted: day first
    ("2025年11月3日", "2025-11-03"),
    ("2025년 11월 3일", "2025-11-03"),
])
def test_loosely_written_dates_become_iso(declared, expected):
    assert iso_date(declared) == expected


@pytest.mark.parametrize("declared", [
    "03/04/2019",  # March or April
    "Nov 2019",  # no day
    "3 hours ago",
    "Updated 2019",
    "3 days ago, 2019",
    "2025年13月3日",  # no thirteenth month
    "0001-01-01T00:00:00Z",  # an empty date of the page's framework
    "GMT+0530 Nov 19 05:44:06",  # no year: the offset must not be taken for one
    "",
    None,
    "x" * 500,
])
def test_text_that_names_no_certain_day_gives_none(declared):
    assert iso_date(declared) is None


def test_a_year_that_the_text_does_not_write_is_never_made_up():
    assert iso_date("12 mars 2024•6 min de lecture") is None  # not 2006-03-12 from "•6"
