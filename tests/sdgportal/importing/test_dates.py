from datetime import date

import pytest

from sdgportal.importing.dates import find_dates, find_years, parse_date, stamp_date
from sdgportal.importing.records import DateMention, PartialDate


def day(year, month, day_):
    return PartialDate(date(year, month, day_))


def month(year, month_):
    return PartialDate(date(year, month_, 1), "month")


def mention(text, fragment, start, end=None):
    """The mention of ``fragment``, the first time it occurs in ``text``."""
    offset = text.index(fragment)
    return DateMention(start, end, (offset, offset + len(fragment)), fragment)


AUTUMN_2023 = date(2023, 11, 30)


@pytest.mark.parametrize(
    ("text", "fragment", "start", "end"),
    [
        # English, day first and month first
        ("The conference was held on 5 November.", "5 November", day(2023, 11, 5), None),
        ("On July 15, a side event was held.", "July 15", day(2023, 7, 15), None),
        ("October 19, 2023\nPhoto: UNDP", "October 19, 2023", day(2023, 10, 19), None),
        ("Story\n28 November 2023\nDriving change", "28 November 2023", day(2023, 11, 28), None),
        ("ASTANA, September 23, 2023 - Today", "September 23, 2023", day(2023, 9, 23), None),
        ("the meeting held on 26th January 2021 that", "26th January 2021", day(2021, 1, 26), None),
        ("a week later, on 3 February, all", "3 February", day(2023, 2, 3), None),
        ("signed on the 5th of November 2020.", "5th of November 2020", day(2020, 11, 5), None),
        ("Issued Jan. 5, 2021 in Almaty", "Jan. 5, 2021", day(2021, 1, 5), None),
        ("Approved on 5 Sept. 2021.", "5 Sept. 2021", day(2021, 9, 5), None),
        ("MAY 5, 2023 — ASTANA", "MAY 5, 2023", day(2023, 5, 5), None),
        ("The deadline is March 3.", "March 3", day(2023, 3, 3), None),
        # numeric forms
        ("Saved: 06.11.2020", "06.11.2020", day(2020, 11, 6), None),
        ("Released 2023-09-18 in Astana", "2023-09-18", day(2023, 9, 18), None),
        # a month and a year
        ("In July 2021, UNDP signed an agreement", "July 2021", month(2021, 7), None),
        ("adopted in September 2015.", "September 2015", month(2015, 9), None),
        ("в апреле 2021 года подписан", "апреле 2021 года", month(2021, 4), None),
        # Russian and Kazakh
        ("21 Апреля 2021 804 Социум", "21 Апреля 2021", day(2021, 4, 21), None),
        (
            "Форум прошёл 21 апреля 2021 года в Алматы",
            "21 апреля 2021 года",
            day(2021, 4, 21),
            None,
        ),
        ("5 ноября состоялся форум", "5 ноября", day(2023, 11, 5), None),
        ("Закон принят 12 мая 2022 г. Парламентом", "12 мая 2022 г.", day(2022, 5, 12), None),
        ("Форум 21 сәуір 2021 ж. өтті", "21 сәуір 2021 ж.", day(2021, 4, 21), None),
        ("2021 жылғы 21 сәуірде форум өтті", "2021 жылғы 21 сәуірде", day(2021, 4, 21), None),
        ("Кездесу 3 қазанда өтті", "3 қазанда", day(2023, 10, 3), None),
        # ranges
        (
            "on 18-19 September 2023 in New York",
            "18-19 September 2023",
            day(2023, 9, 18),
            day(2023, 9, 19),
        ),
        ("on 18–19 September 2023", "18–19 September 2023", day(2023, 9, 18), day(2023, 9, 19)),
        (
            "from 29 May to 1 June 2023, to assess",
            "29 May to 1 June 2023",
            day(2023, 5, 29),
            day(2023, 6, 1),
        ),
        ("29 May – 1 June 2023", "29 May – 1 June 2023", day(2023, 5, 29), day(2023, 6, 1)),
        (
            "The tour took place from June 5 to 8 and",
            "June 5 to 8",
            day(2023, 6, 5),
            day(2023, 6, 8),
        ),
        ("held June 6 to 8 in Budapest", "June 6 to 8", day(2023, 6, 6), day(2023, 6, 8)),
        ("The week of June 6-8, 2022 was busy", "June 6-8, 2022", day(2022, 6, 6), day(2022, 6, 8)),
        ("May 29 – June 1, 2022", "May 29 – June 1, 2022", day(2022, 5, 29), day(2022, 6, 1)),
        ("between 5 and 8 June 2022", "5 and 8 June 2022", day(2022, 6, 5), day(2022, 6, 8)),
        (
            "from 29 December to 3 January 2024",
            "29 December to 3 January 2024",
            day(2023, 12, 29),
            day(2024, 1, 3),
        ),
        (
            "с 1 по 4 января 2022 года отдых",
            "1 по 4 января 2022 года",
            day(2022, 1, 1),
            day(2022, 1, 4),
        ),
        (
            "с 29 мая по 1 июня 2023 года",
            "29 мая по 1 июня 2023 года",
            day(2023, 5, 29),
            day(2023, 6, 1),
        ),
        (
            "18-19 қыркүйекте 2023 ж.",
            "18-19 қыркүйекте 2023 ж.",
            day(2023, 9, 18),
            day(2023, 9, 19),
        ),
        ("The project runs March–May 2024.", "March–May 2024", month(2024, 3), month(2024, 5)),
        (
            "from November 2023 to February 2024",
            "November 2023 to February 2024",
            month(2023, 11),
            month(2024, 2),
        ),
        (
            "from November to February 2024",
            "November to February 2024",
            month(2023, 11),
            month(2024, 2),
        ),
        ("с марта по май 2024 года", "марта по май 2024 года", month(2024, 3), month(2024, 5)),
        (
            "Саммит 2023 жылғы 18-19 қыркүйекте өтеді",
            "2023 жылғы 18-19 қыркүйекте",
            day(2023, 9, 18),
            day(2023, 9, 19),
        ),
    ],
)
def test_find_dates_reads_each_form(text, fragment, start, end):
    assert find_dates(text, reference=AUTUMN_2023) == [mention(text, fragment, start, end)]


@pytest.mark.parametrize(
    ("text", "reference", "start"),
    [
        ("on 5 February", date(2024, 1, 10), day(2024, 2, 5)),  # 26 days ahead: this year
        ("on 15 February", date(2024, 1, 10), day(2023, 2, 15)),  # 36 days ahead: last year
        ("on 20 December", date(2024, 1, 10), day(2023, 12, 20)),
        ("on 10 January", date(2024, 1, 10), day(2024, 1, 10)),
        ("on 29 February", date(2025, 1, 10), day(2024, 2, 29)),
    ],
)
def test_find_dates_gives_a_yearless_day_the_year_of_the_reference(text, reference, start):
    assert [m.start for m in find_dates(text, reference=reference)] == [start]


def test_find_dates_infers_one_year_for_a_range_across_new_year():
    text = "The camp ran from 28 December to 2 January."

    assert find_dates(text, reference=date(2024, 1, 10)) == [
        mention(text, "28 December to 2 January", day(2023, 12, 28), day(2024, 1, 2))
    ]


def test_find_dates_finds_every_mention_in_order():
    text = (
        "Signed on 3 March 2022, renewed in May 2023 and reviewed on 06.11.2023 (see 2024-01-15)."
    )

    assert find_dates(text) == [
        mention(text, "3 March 2022", day(2022, 3, 3)),
        mention(text, "May 2023", month(2023, 5)),
        mention(text, "06.11.2023", day(2023, 11, 6)),
        mention(text, "2024-01-15", day(2024, 1, 15)),
    ]


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("The conference was held on 5 November.", None),  # no year and nothing to infer it from
        ("In 2020, grants were provided", AUTUMN_2023),  # a bare year is too ambiguous
        ("on 31 February 2023", AUTUMN_2023),
        ("on 45 June 2023", AUTUMN_2023),
        ("on 31.13.2023", AUTUMN_2023),
        ("over 17 may be invited", AUTUMN_2023),
        ("In May 5 million tenge were spent", AUTUMN_2023),
        ("the 2030 Agenda and SDG 16", AUTUMN_2023),
        ("more than 30 000 views for 8 months", AUTUMN_2023),
        ("In July, the forum", AUTUMN_2023),
        ("a 1.5 ratio and 2.3.2023.4 build", AUTUMN_2023),
    ],
)
def test_find_dates_ignores_what_is_not_a_date(text, reference):
    assert find_dates(text, reference=reference) == []


def test_find_dates_keeps_a_date_on_its_line():
    text = "Room 12\nMay 2023 report"

    assert find_dates(text) == [mention(text, "May 2023", month(2023, 5))]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("19 October 2023", None, day(2023, 10, 19)),
        ("July 2021", None, month(2021, 7)),
        ("from 29 May to 1 June 2023", None, day(2023, 5, 29)),
        ("on 5 November", date(2020, 11, 6), day(2020, 11, 5)),
        ("on 5 November", None, None),
        ("no date here", None, None),
        ("", None, None),
    ],
)
def test_parse_date_reads_the_first_date(text, reference, expected):
    assert parse_date(text, reference=reference) == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("In 2019 and 2022, civil society took part.", [2019, 2022]),
        ("Saved: 06.11.2020", [2020]),
        ("the Concept for 2023–2027 and the plan for 2020-2025", [2023, 2027, 2020, 2025]),
        ("By 2030, 15% of targets", [2030]),
        ("1.8 billion tenge in 2020", [2020]),
        ("in the early 1990s; в 1990-х годах", []),
        ("2,000 people and 20,000 tenge", []),
        ("2000 tenge, USD 2015, $2019 and 2021 million", []),
        ("1989, 2101 and 20201", []),
        ("1990 and 2100", [1990, 2100]),
    ],
)
def test_find_years_lists_the_years_stated(text, years):
    assert find_years(text) == years


@pytest.mark.parametrize(
    ("lines", "stamp"),
    [
        (
            ["Chance to save the planet", "Views: 2122", "Saved: 06.11.2020", "Wait"],
            date(2020, 11, 6),
        ),
        (["Заголовок", "Сохранено: 23.04.2024"], date(2024, 4, 23)),
        (
            ["Kazakhstan's government", "21 Апреля 2021 804 Социум", "Almaty. April 21."],
            date(2021, 4, 21),
        ),
        (["Latest", "Story", "28 November 2023", "Driving change"], date(2023, 11, 28)),
        (["The Civic Forum in Astana", "", "October 19, 2023", "Photo: UNDP"], date(2023, 10, 19)),
        (["12 September 2023", "Saved: 06.11.2020"], date(2023, 9, 12)),
        (["On 28 November 2023 the forum opened in Astana with many guests"], None),
        (["5 November 2023: the forum opened"], None),
        (["5 November", "July 2021"], None),
        ([], None),
    ],
)
def test_stamp_date_finds_the_first_date_stamp(lines, stamp):
    assert stamp_date(lines) == stamp


def test_find_dates_keeps_dates_joined_by_and_apart():
    text = "Sessions on 5 June 2023 and 8 June 2023, reports in May 2024 and July 2024."

    assert find_dates(text) == [
        mention(text, "5 June 2023", day(2023, 6, 5)),
        mention(text, "8 June 2023", day(2023, 6, 8)),
        mention(text, "May 2024", month(2024, 5)),
        mention(text, "July 2024", month(2024, 7)),
    ]
