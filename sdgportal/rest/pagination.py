"""Page-number pagination that refuses malformed numbers instead of guessing."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from sdgportal.caching import per_query_and_data_version

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class CountOncePaginator(Paginator):
    """Counts a query once per data version: counting every event reads the whole table."""

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return super().count
        return count_once(self.object_list)


def count_once(records: QuerySet) -> int:
    """How many records the query finds, counted once per data version. Kept by the query of
    their ids alone: what is read beside them, or their order, changes no count (and the
    query of a list's columns and relations takes longer to write out)."""
    return per_query_and_data_version("count", records.order_by().values("pk"), QuerySet.count)


class PortalPagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (1 to 500; larger sizes are capped at 500)."""

    django_paginator_class = CountOncePaginator
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = _("There is no page {page_number}: {message}")

    def get_schema_operation_parameters(self, view: object) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _positive_int(raw)
        if size is None:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give the page size as a whole number from 1 to %(max)s.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return min(size, self.max_page_size)

    def get_page_number(self, request: Request, paginator: object) -> str | int:
        raw = request.query_params.get(self.page_query_param, "1")
        if raw in self.last_page_strings:
            return paginator.num_pages
        if _positive_int(raw) is not None:
            return raw
        raise ValidationError(
            {self.page_query_param: [_('Give the page as a whole number from 1, or "last".')]}
        )


def _positive_int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None
