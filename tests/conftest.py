import pytest
from django.core.cache import cache

from tests.factories import make_article, make_section, make_user


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (flood counters, cached pages)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def section(db):
    return make_section(name="اجتماعی", slug="society")


@pytest.fixture
def article(db, section):
    return make_article(section=section, title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست")


@pytest.fixture
def reporter(db):
    return make_user("Reporters")


@pytest.fixture
def editor(db):
    return make_user("Editors")


@pytest.fixture
def moderator(db):
    return make_user("Moderators")


@pytest.fixture
def analyst(db):
    return make_user("Analysts")
