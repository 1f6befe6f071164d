"""Pages of large lists without counting every row: `?page=N` as before, the count exact up to
COUNT_EXACT_UP_TO and the planner's estimate past it (the screens say "about N").

Counting 10,000 matching rows costs more than fetching the page; a page that is not full needs
no count at all (it ends the list), and a deep page is found by its ids first (an index-only
scan), then only its rows are read."""
from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.db.models import QuerySet, Subquery
from rest_framework.exceptions import NotFound
from rest_framework.pagination import _positive_int
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from saas.kernel.pagination import PageNumberPagination

COUNT_EXACT_UP_TO = 1000


def estimated_rows(qs: QuerySet) -> int:
    sql, params = qs.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


def count_of(qs: QuerySet, *, seen: int, more: bool) -> tuple[int, bool]:
    """(count, is it an estimate) once `seen` rows are known to exist, and whether more follow."""
    if not more:
        return seen, False
    if seen > COUNT_EXACT_UP_TO:
        return max(estimated_rows(qs), seen + 1), True
    capped = qs.order_by().values("pk")[:COUNT_EXACT_UP_TO + 1].count()
    if capped <= COUNT_EXACT_UP_TO:
        return capped, False
    return max(estimated_rows(qs), COUNT_EXACT_UP_TO + 1), True


def page_rows_queryset(qs: QuerySet, *, offset: int, size: int, shape=None) -> QuerySet:
    """size + 1 rows from offset (the extra one says whether a next page exists). The page's ids
    come first, from the filtered and ordered rows alone (an index-only scan for a deep page, no
    per-row columns or subqueries for a ranked search); then only those rows are shaped."""
    ids = qs.values("pk")[offset:offset + size + 1]
    if shape is None or qs.query.annotations or not qs.query.order_by:
        # annotations (a search's rank, counts) and prefetches are the query's own: kept, for the page
        page = qs.filter(pk__in=Subquery(ids))
    else:  # the filters need not run again on the page's rows
        page = qs.model.objects.filter(pk__in=Subquery(ids)).order_by(*qs.query.order_by)
    return (shape(page) if shape else page)[:size + 1]


def page_rows(qs: QuerySet, *, offset: int, size: int, shape=None) -> list:
    return list(page_rows_queryset(qs, offset=offset, size=size, shape=shape))


class EstimatedCountPagination(PageNumberPagination):
    def __init__(self, shape=None):
        self.shape = shape  # turns the page's rows into what the response needs (values(), ...)

    def page_requested(self, request) -> tuple[int, int]:
        """(offset, size) of the page `?page=N` asks for."""
        self.request = request  # a DRF request or, from the catalog middleware, Django's own
        query = request.GET
        try:
            size = _positive_int(query[self.page_size_query_param], strict=True, cutoff=self.max_page_size)
        except (KeyError, ValueError):
            size = self.page_size or 24
        try:
            self.number = int(query.get(self.page_query_param, 1))
        except ValueError:
            self.number = 0
        if self.number < 1 or self.number > 1_000_000:
            raise NotFound("Invalid page.")
        return (self.number - 1) * size, size

    def page_found(self, *, rows: int, more: bool, count: int, estimated: bool) -> None:
        if not rows and self.number > 1:
            raise NotFound("Invalid page.")
        self.more, self.count, self.estimated = more, count, estimated

    def paginate_queryset(self, queryset, request, view=None):
        offset, size = self.page_requested(request)
        rows = page_rows(queryset, offset=offset, size=size, shape=self.shape)
        more = len(rows) > size
        rows = rows[:size]
        self.page_found(rows=len(rows), more=more, count=0, estimated=False)
        self.count, self.estimated = count_of(queryset, seen=offset + len(rows), more=more)
        return rows

    def _url(self) -> str:
        url = getattr(self, "_absolute", None)
        if url is None:  # (checking the host each time was a tenth of an uncached list's CPU)
            request: Any = self.request
            url = self._absolute = request.build_absolute_uri()
        return url

    def get_next_link(self):
        if not self.more:
            return None
        return replace_query_param(self._url(), self.page_query_param, self.number + 1)

    def get_previous_link(self):
        if self.number <= 1:
            return None
        url = self._url()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def page_body(self, data) -> dict:
        return {"count": self.count, "count_is_estimate": self.estimated, "next": self.get_next_link(),
                "previous": self.get_previous_link(), "results": data}

    def get_paginated_response(self, data):
        return Response(self.page_body(data))

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_is_estimate"] = {
            "type": "boolean", "description": f"count is the planner's estimate (past {COUNT_EXACT_UP_TO:,} rows)"}
        return response
