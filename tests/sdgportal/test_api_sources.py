"""The read-only API of source documents: the news pages and data files records came from."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from sdgportal.models import SourceDocument
from tests.factories import ArticleFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db

NATIONAL_FILE = "sdg-data-kazstat/data/indicator_1-1-1.csv"


def news_page() -> SourceDocument:
    """A page of two articles, imported on 1 May 2023 (16:00 in Almaty)."""
    page = SourceDocumentFactory(
        name="page_007.txt",
        kind=SourceDocument.Kind.NEWS_PAGE,
        title="Kazinform digest, 30 April 2023",
        url="https://www.inform.kz/digest/2023-04-30",
        sha256="a" * 64,
        imported_at=datetime(2023, 5, 1, 10, 0, tzinfo=UTC),
    )
    ArticleFactory(
        document=page,
        position=2,
        title="A forum on the goals meets in Astana",
        published_on=None,
        url="",
    )
    ArticleFactory(
        document=page,
        position=1,
        title="Twelve new schools open in Turkestan region",
        published_on=date(2023, 4, 30),
        url="https://www.inform.kz/schools",
    )
    return page


def national_file(**kwargs: object) -> SourceDocument:
    return SourceDocumentFactory(
        **({"name": NATIONAL_FILE, "kind": SourceDocument.Kind.DATASET} | kwargs)
    )


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [record["name"] for record in response.json()["results"]]


NEWS_PAGE = {
    "name": "page_007.txt",
    "kind": "news_page",
    "title": "Kazinform digest, 30 April 2023",
    "url": "https://www.inform.kz/digest/2023-04-30",
    "sha256": "a" * 64,
    "imported_at": "2023-05-01T16:00:00+06:00",
    "articles": [
        {
            "position": 1,
            "title": "Twelve new schools open in Turkestan region",
            "published_on": "2023-04-30",
            "url": "https://www.inform.kz/schools",
        },
        {
            "position": 2,
            "title": "A forum on the goals meets in Astana",
            "published_on": None,
            "url": "",
        },
    ],
}


def test_source_detail_shows_a_news_page_with_its_articles(api_client):
    news_page()

    response = api_client.get("/api/v1/sources/page_007.txt/")

    assert response.status_code == 200
    assert response.json() == NEWS_PAGE


def test_source_detail_finds_a_data_file_by_a_name_with_slashes(api_client):
    national_file(url="https://github.com/kazstat/sdg-data/blob/main/data/indicator_1-1-1.csv")
    national_file(name="sdg-data-kazstat/data/indicator_1-1-2.csv")

    response = api_client.get(f"/api/v1/sources/{NATIONAL_FILE}/")

    assert response.status_code == 200
    assert response.json() == {
        "name": NATIONAL_FILE,
        "kind": "dataset",
        "title": "",
        "url": "https://github.com/kazstat/sdg-data/blob/main/data/indicator_1-1-1.csv",
        "sha256": "",
        "imported_at": None,
        "articles": [],
    }


def test_source_detail_of_a_data_file_as_csv(api_client):
    national_file()

    response = api_client.get(f"/api/v1/sources/{NATIONAL_FILE}/", {"format": "csv"})

    assert response.status_code == 200
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["name", "kind", "title", "url", "sha256", "imported_at", "articles"],
        [NATIONAL_FILE, "dataset", "", "", "", "", ""],
    ]


def test_source_url_without_its_trailing_slash_redirects_to_the_document(api_client):
    """A file's extension is part of its name, never read as a format suffix."""
    national_file()
    national_file(name="sdg-data-kazstat/data/indicator_1-1-1")

    response = api_client.get(f"/api/v1/sources/{NATIONAL_FILE}")

    assert (response.status_code, response["Location"]) == (
        301,
        f"/api/v1/sources/{NATIONAL_FILE}/",
    )


@pytest.mark.parametrize(
    "name", ["page_999.txt", "sdg-data-kazstat/data/indicator_9-9-9.csv", "sdg-data-kazstat"]
)
def test_source_detail_unknown_name_is_404(api_client, name):
    news_page()
    national_file()

    response = api_client.get(f"/api/v1/sources/{name}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No SourceDocument matches the given query."}


def test_source_list_shows_every_document_by_name(api_client):
    news_page()
    national_file()

    response = api_client.get("/api/v1/sources/")

    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            NEWS_PAGE,
            {
                "name": NATIONAL_FILE,
                "kind": "dataset",
                "title": "",
                "url": "",
                "sha256": "",
                "imported_at": None,
                "articles": [],
            },
        ],
    }


def test_source_list_filters_by_kind(api_client):
    news_page()
    national_file()

    datasets = api_client.get("/api/v1/sources/", {"kind": "dataset"})
    pages = api_client.get("/api/v1/sources/", {"kind": "news_page"})
    uploads = api_client.get("/api/v1/sources/", {"kind": "upload"})

    assert (names(datasets), names(pages), names(uploads)) == (
        [NATIONAL_FILE],
        ["page_007.txt"],
        [],
    )


def test_source_list_refuses_an_unknown_kind(api_client):
    response = api_client.get("/api/v1/sources/", {"kind": "pdf"})

    assert response.status_code == 400
    assert response.json() == {
        "kind": ["Select a valid choice. pdf is not one of the available choices."]
    }


@pytest.mark.parametrize(
    "words",
    [
        "page_007.txt",  # its name
        "Kazinform digest",  # its title
        "schools Turkestan",  # an article's title
        "forum",  # another article's title
    ],
)
def test_source_list_search_finds_name_title_or_article_title(api_client, words):
    news_page()
    national_file(title="Poverty data")

    response = api_client.get("/api/v1/sources/", {"search": words})

    assert names(response) == ["page_007.txt"]


def test_source_list_search_without_a_match_is_empty(api_client):
    news_page()
    national_file()

    response = api_client.get("/api/v1/sources/", {"search": "volcano"})

    assert names(response) == []


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["b.txt", "c.txt", "d.txt"]),
        ("-name", ["d.txt", "c.txt", "b.txt"]),
        ("imported_at", ["c.txt", "d.txt", "b.txt"]),
        ("-imported_at", ["b.txt", "d.txt", "c.txt"]),
    ],
)
def test_source_list_orders_by_name_or_import_time(api_client, ordering, expected):
    for name, day in (("d.txt", 2), ("b.txt", 3), ("c.txt", 1)):
        SourceDocumentFactory(name=name, imported_at=datetime(2023, 5, day, tzinfo=UTC))

    response = api_client.get("/api/v1/sources/", {"ordering": ordering})

    assert names(response) == expected


def test_source_list_refuses_an_unknown_ordering(api_client):
    response = api_client.get("/api/v1/sources/", {"ordering": "sha256"})

    assert response.status_code == 400
    assert response.json() == {
        "ordering": ["Select a valid choice. sha256 is not one of the available choices."]
    }


@pytest.mark.parametrize("documents", [1, 5])
def test_source_list_queries_do_not_grow_with_articles(
    api_client, django_assert_num_queries, documents
):
    for number in range(documents):
        page = SourceDocumentFactory(name=f"page_{number:03d}.txt")
        ArticleFactory(document=page, position=1)
        ArticleFactory(document=page, position=2)

    # The page count, the documents, their articles.
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/sources/")

    assert [len(record["articles"]) for record in response.json()["results"]] == [2] * documents


def test_staff_cannot_create_a_source(staff_api_client):
    response = staff_api_client.post(
        "/api/v1/sources/", {"name": "page_100.txt", "kind": "news_page"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        405,
        {"detail": 'Method "POST" not allowed.'},
    )
    assert not SourceDocument.objects.exists()


def test_anonymous_clients_cannot_create_a_source(api_client):
    response = api_client.post(
        "/api/v1/sources/", {"name": "page_100.txt", "kind": "news_page"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )


def test_staff_cannot_delete_a_data_file(staff_api_client):
    national_file()

    response = staff_api_client.delete(f"/api/v1/sources/{NATIONAL_FILE}/")

    assert (response.status_code, SourceDocument.objects.count()) == (405, 1)
