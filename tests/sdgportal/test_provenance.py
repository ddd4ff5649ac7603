import pytest

from events.models import Event, EventSpeaker
from organisations.models import Organisation
from sdgportal.models import Citation
from sdgportal.provenance import QuoteInContext, quote_in_context, records_cited_by
from tests import factories

ARTICLE = (
    "Astana, 5 June. The Ministry of Ecology and UNDP opened a forum on plastic waste. "
    "“Plastic pollution poses a serious threat\nto the health of humanity,” said the head "
    "of UNEP in Central Asia. The forum ends on Friday."
)


def test_quote_in_context_finds_the_quote_across_line_breaks():
    found = quote_in_context(ARTICLE, "Plastic pollution poses a serious threat to the health")

    assert found.quote == "Plastic pollution poses a serious threat\nto the health"
    assert found.before.endswith("plastic waste. “")
    assert found.after.startswith(" of humanity")


def test_quote_in_context_shortens_long_surroundings():
    found = quote_in_context(ARTICLE, "opened a forum", width=10)

    assert found == QuoteInContext("… and UNDP ", "opened a forum", " on plasti…")


@pytest.mark.parametrize("quote", ["", "   ", "a quote from another article"])
def test_quote_in_context_is_none_when_there_is_nothing_to_show(quote):
    assert quote_in_context(ARTICLE, quote) is None


@pytest.mark.django_db
def test_records_cited_by_a_source_come_by_kind(django_assert_num_queries):
    article = factories.ArticleFactory(text=ARTICLE)
    forum = factories.EventFactory(title="Plastic forum")
    undp = factories.OrganisationFactory(name="UNDP")
    speakers = [factories.EventSpeakerFactory(event=forum) for _ in range(3)]
    for record in (forum, undp, *speakers):
        factories.CitationFactory(record=record, article=article)
    factories.CitationFactory(record=undp, article=article, quote="Cited twice")
    factories.CitationFactory(record=factories.EventFactory(title="Elsewhere"))

    with django_assert_num_queries(4):  # citations, then one query per kind
        kinds = records_cited_by(Citation.objects.filter(document=article.document))
        names = {kind.model: sorted(str(r) for r in kind.records) for kind in kinds}

    assert names[Event] == ["Plastic forum"]
    assert names[Organisation] == ["UNDP"]
    assert len(names[EventSpeaker]) == 3
    assert len(names) == 3


@pytest.mark.django_db
def test_a_records_admin_page_shows_the_quote_in_its_article(editor_client):
    event = factories.EventFactory()
    factories.CitationFactory(
        record=event,
        article=factories.ArticleFactory(text=ARTICLE),
        quote="opened a forum on plastic waste",
    )

    response = editor_client.get(f"/admin/events/event/{event.pk}/change/")

    assert "<mark>opened a forum on plastic waste</mark>" in response.text
    assert "The Ministry of Ecology and UNDP " in response.text


@pytest.mark.django_db
def test_a_sources_admin_page_lists_the_records_it_produced(editor_client):
    article = factories.ArticleFactory(text=ARTICLE)
    forum = factories.EventFactory(title="Plastic forum")
    factories.CitationFactory(record=forum, article=article)
    factories.CitationFactory(record=factories.OrganisationFactory(name="UNDP"), article=article)
    factories.EventFactory(title="Not from here")

    document_page = editor_client.get(
        f"/admin/sdgportal/sourcedocument/{article.document.pk}/change/"
    )
    article_page = editor_client.get(f"/admin/sdgportal/article/{article.pk}/change/")

    for page in (document_page, article_page):
        assert f'<a href="/admin/events/event/{forum.pk}/change/">Plastic forum</a>' in page.text
        assert "<strong>Organisations (1)</strong>" in page.text
        assert "Not from here" not in page.text
