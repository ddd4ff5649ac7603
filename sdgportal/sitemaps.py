"""sitemap.xml: every public page, in each language."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from events.models import Event
from indicators.models import Goal
from organisations.models import Grant, Organisation, Person

SECTION_PAGES = [
    "home",
    "about",
    "indicators:goals",
    "indicators:reporting-status",
    "events:list",
    "organisations:list",
    "organisations:people",
    "organisations:partnerships",
    "organisations:grants",
]


class PortalSitemap(Sitemap):
    limit = 5000  # addresses per file, times three languages
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return SECTION_PAGES

    def location(self, name: str) -> str:
        return reverse(name)


class GoalSitemap(PortalSitemap):
    def items(self) -> QuerySet[Goal]:
        return Goal.objects.order_by("number")

    def location(self, goal: Goal) -> str:
        return reverse("indicators:goal", args=[goal.number])


class RecordSitemap(PortalSitemap):
    """Records with their own page, newest change first."""

    model: type[Event | Organisation | Person | Grant]

    def items(self) -> QuerySet:
        return self.model.objects.order_by("-updated_at", "pk").only("slug", "updated_at")

    def lastmod(self, record: Event | Organisation | Person | Grant) -> datetime:
        return record.updated_at


class EventSitemap(RecordSitemap):
    model = Event


class OrganisationSitemap(RecordSitemap):
    model = Organisation


class PersonSitemap(RecordSitemap):
    model = Person


class GrantSitemap(RecordSitemap):
    model = Grant


SITEMAPS = {
    "sections": SectionSitemap,
    "goals": GoalSitemap,
    "events": EventSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
    "grants": GrantSitemap,
}
