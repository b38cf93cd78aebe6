import io

import pytest
from django.core.management import call_command

from articles.models import Article
from comments.models import Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_generates_published_searchable_articles_with_tags_and_comments(client):
    before = make_article()
    out = io.StringIO()
    call_command(
        "generate_articles", count=120, batch=50, comments=2, tags=20, stdout=out, verbosity=0
    )
    assert "Generated 120 articles" in out.getvalue()
    generated = Article.objects.exclude(pk=before.pk)
    assert generated.count() == 120
    assert Article.objects.published().count() == 121
    codes = list(generated.order_by("code").values_list("code", flat=True))
    assert codes == list(range(before.code + 1, before.code + 121))  # fresh, never reused
    assert Article.tags.through.objects.filter(article__in=generated).exists()
    assert Comment.objects.approved().filter(article__in=generated).count() > 100
    sample = generated.order_by("?").first()
    word = sample.title.split()[0]
    assert sample in Article.objects.published().search(word)
    page = client.get(sample.get_absolute_url())
    assert page.status_code == 200 and sample.title in page.text
    assert make_article().code == before.code + 121


def test_refuses_a_count_below_one():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("generate_articles", count=0, stdout=io.StringIO())
