"""Screening.lookup_many (a file screened): the same answers lookup gives, one per name, in
order, with a refused name as its QueryError; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.screening import QueryError, Screening
from bot.settings import Settings
from tests.conftest import FIXTURES

NAMES = ["Aksu Huafu", "", "Qihoo 360", "Acme Widgets GmbH", "x" * 401, "CloudWalk", "CETC 38"]


@pytest.fixture
def screening(tmp_path, database_url) -> Screening:
    settings = Settings(database_url=database_url, data_dir=tmp_path, min_entries=1)
    service = Screening(settings, notify=lambda message: None)
    service.refresh(source=str(FIXTURES / "csl-small.csv"), loaded_by="tests")
    return service


def test_many_names_get_the_answers_each_gets_alone_in_order(screening):
    many = screening.lookup_many(NAMES)

    assert len(many) == len(NAMES)
    for name, answer in zip(NAMES, many, strict=True):
        if not name.strip() or len(name) > 400:
            assert isinstance(answer, QueryError)
            continue
        alone = screening.lookup(name)
        assert answer == alone
    assert [a.status for a in many if not isinstance(a, QueryError)] == [
        "match",
        "match",
        "none",
        "match",
        "match",
    ]
