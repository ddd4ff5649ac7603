import gettext

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from sdgportal.translations import compile_catalogues

CATALOGUES = sorted(settings.LOCALE_PATHS[0].glob("*/LC_MESSAGES/django.po"))


def test_compile_writes_a_catalogue_gettext_reads(tmp_path):
    po_path = tmp_path / "ru" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Events"\nmsgstr "Мероприятия"\n',
        encoding="utf-8",
    )

    written = compile_catalogues(tmp_path)

    with po_path.with_suffix(".mo").open("rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)
    assert (written, catalogue.gettext("Events")) == ([po_path.with_suffix(".mo")], "Мероприятия")


def test_compile_skips_catalogues_that_did_not_change(tmp_path):
    po_path = tmp_path / "kk" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
    compile_catalogues(tmp_path)

    assert compile_catalogues(tmp_path) == []


def test_russian_and_kazakh_catalogues_are_committed():
    assert [path.parts[-3] for path in CATALOGUES] == ["kk", "ru"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_every_message_is_translated(path):
    with path.open("rb") as po_file:
        catalogue = read_po(po_file)

    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert untranslated == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_interface_speaks_the_language(client, language):
    with translation.override(language):
        events = translation.gettext("Events")

    response = client.get(f"/{language}/events/")

    assert events != "Events"
    assert f"<h1>{events}</h1>" in response.text
