"""Naming and re-finding the documents curators upload."""

import pytest

from sdgportal.importing.extract import fingerprint
from sdgportal.importing.uploads import import_upload
from sdgportal.models import SourceDocument
from tests import factories
from tests.sdgportal.test_import_page import ARTICLE

pytestmark = pytest.mark.django_db


def test_content_imported_before_goes_into_its_document_whatever_its_name():
    factories.SourceDocumentFactory(name="003_seed.txt", sha256=fingerprint(ARTICLE))

    done = import_upload(content=ARTICLE.encode(), file_name="copy.txt")

    assert (done.document.name, done.created_document) == ("003_seed.txt", False)
    assert done.document.kind == SourceDocument.Kind.NEWS_PAGE


def test_a_name_another_document_holds_gets_the_fingerprint_added():
    factories.SourceDocumentFactory(name="news.txt", sha256="0" * 64)

    done = import_upload(content=ARTICLE.encode(), file_name="news.txt")

    assert done.document.name == f"news-{fingerprint(ARTICLE)[:12]}.txt"


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        (
            {"url": "https://www.gov.kz/memleket/news/1234?lang=en"},
            "www-gov-kz-memleket-news-1234-lang-en.txt",
        ),
        ({"title": "Круглый стол: ЦУР 5"}, "круглый-стол-цур-5.txt"),
        ({}, "pasted.txt"),
    ],
)
def test_pasted_text_is_named_after_its_title_or_address(fields, name):
    done = import_upload(content=ARTICLE.encode(), **fields)

    assert done.document.name == name
