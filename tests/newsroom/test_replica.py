"""With a read replica configured, search reads from it; cached pages and staff never do."""

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom.serving.replica import ReplicaRouter
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def replica_router(settings):
    settings.DATABASE_ROUTERS = ["newsroom.serving.replica.ReplicaRouter"]


def reads(url: str, **client) -> dict[str, list[str]]:
    """The queries each database answered for one GET."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        assert Client(**client).get(url).status_code == 200
    return {"default": [q["sql"] for q in primary], "replica": [q["sql"] for q in replica]}


def test_search_reads_from_the_replica():
    make_article(section=make_section(), title="آموزش شهروندی در کرمانشاه")
    seen = reads("/search/?q=کرمانشاه")
    assert any("articles_article" in sql for sql in seen["replica"])
    assert not any("articles_article" in sql for sql in seen["default"])


def test_cached_pages_read_from_the_primary():
    article = make_article(section=make_section())
    for url in ("/", article.get_absolute_url()):
        seen = reads(url, HTTP_USER_AGENT="Mozilla/5.0 Firefox/130")
        assert seen["replica"] == [] and seen["default"]


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(None) is None
    assert router.allow_migrate("replica", "articles") is False
    assert router.allow_migrate("default", "articles") is None
