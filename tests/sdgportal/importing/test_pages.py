import pytest

from sdgportal.importing.pages import clean_lines, repair_swallowed_characters, split_articles


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("17 seminars wer.organized on topics", "17 seminars were organized on topics"),
        ("The event wa.organized by the Ministry", "The event was organized by the Ministry"),
        ("through non-governmenta.organizations", "through non-governmental organizations"),
        (
            "regiona.organizations and internationa.organizations",
            "regional organizations and international organizations",
        ),
        ("Representatives of stat.organizations", "Representatives of state organizations"),
        ("Experts of the Institut.organized tables", "Experts of the Institute organized tables"),
        ("held on 5 November.organized by NGOs", "held on 5 November organized by NGOs"),
        ("all of its 2.organizations are ready", "all of its 2.organizations are ready"),
        ("Organizations and organized events", "Organizations and organized events"),
    ],
)
def test_repair_swallowed_characters(damaged, repaired):
    assert repair_swallowed_characters(damaged) == repaired


def test_repair_prefers_a_word_the_text_uses_elsewhere():
    text = "Parliament is here. The par.organized it."

    assert repair_swallowed_characters(text, vocabulary={"part", "parliament"}).endswith(
        "The part organized it."
    )


def test_clean_lines_drops_page_chrome():
    page = (
        "Title of the story\n\nThe text of the story.\n\nViews: 2122\nSaved: 06.11.2020\n\n"
        "Wait please...\n\nХорошая погода, не так ли?\n\nSubscribe to the newsletter\n"
        "The operation completed successfully.\n1 of 5\nLearn more\nPhoto: UNDP/Someone\n"
        "ru Крупный строительный объект оштрафован в Алматы\n"
    )

    assert clean_lines(page) == ["Title of the story", "The text of the story."]


def test_clean_lines_separates_a_photo_credit_glued_to_the_text():
    assert clean_lines("Фото:EU ReporterAlmaty. April 21. This year we mark 30 years.") == [
        "Almaty. April 21. This year we mark 30 years."
    ]


def is_date_line(line: str) -> bool:
    return line in {"28 November 2023", "30 November 2023", "14 June 2023", "October 19, 2023"}


def test_split_a_single_article_page():
    lines = ["NGOs and the state", "October 19, 2023", "The forum met.", "It ended."]

    articles = split_articles(lines, is_date_line)

    assert [(a.title, a.date_line, a.lines) for a in articles] == [
        ("NGOs and the state", "October 19, 2023", ("The forum met.", "It ended."))
    ]


def test_split_a_listing_keeps_a_story_told_twice_once():
    lines = [
        "Latest",
        "Story",
        "28 November 2023",
        "Business joins forces",
        "Latest",
        "About the goals",
        "A standing paragraph.",
        "Story",
        "30 November 2023",
        "Business joins forces",
        "The full story.",
        "More of it.",
        "Press Release",
        "14 June 2023",
        "A mission",
        "The mission took place.",
    ]

    articles = split_articles(lines, is_date_line)

    assert [(a.title, a.date_line, len(a.lines)) for a in articles] == [
        ("Business joins forces", "30 November 2023", 2),
        ("About the goals", "", 1),
        ("A mission", "14 June 2023", 1),
    ]
