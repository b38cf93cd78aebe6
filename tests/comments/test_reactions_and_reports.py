import pytest
from django.test import Client

from comments.models import Comment, CommentReaction, CommentReport
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def react(client, comment, value, **extra):
    return client.post(f"/comments/react/{comment.pk}/", {"value": value}, **extra)


def report(client, comment, **extra):
    return client.post(f"/comments/report/{comment.pk}/", **extra)


def test_one_reaction_per_reader_which_they_can_change(client, article):
    comment = make_comment(article)
    assert react(client, comment, "like", **JSON).json()["likes"] == 1
    assert react(client, comment, "like", **JSON).json()["likes"] == 1
    data = react(client, comment, "dislike", **JSON).json()
    assert (data["likes"], data["dislikes"]) == (0, 1)
    react(Client(), comment, "like")
    assert CommentReaction.objects.filter(comment=comment).count() == 2


def test_reaction_counts_show_in_persian_on_the_page(client, article):
    comment = make_comment(article)
    for _ in range(12):
        react(Client(), comment, "like")
    react(Client(), comment, "dislike")
    page = client.get(article.get_absolute_url()).text
    assert '<span class="comment__likes">۱۲</span>' in page
    assert '<span class="comment__dislikes">۱</span>' in page


def test_reaction_without_javascript_returns_to_the_comment(client, article):
    comment = make_comment(article)
    response = react(client, comment, "like")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")


@pytest.mark.parametrize("value", ["", "love", "1", "<script>", "like\x00"])
def test_malformed_reactions_are_400(client, article, value):
    comment = make_comment(article)
    response = react(client, comment, value)
    assert response.status_code == 400
    assert "👍 یا 👎" in response.text
    assert not CommentReaction.objects.exists()


def test_reactions_and_reports_on_unpublished_or_unknown_comments_are_404(client, article):
    pending = make_comment(article, status=Comment.Status.PENDING)
    hidden_article = make_article(status="draft")
    on_draft = make_comment(hidden_article)
    for comment_id in (pending.pk, on_draft.pk, 999999, 10**30):
        assert client.post(f"/comments/react/{comment_id}/", {"value": "like"}).status_code == 404
        assert client.post(f"/comments/report/{comment_id}/").status_code == 404


def test_reports_past_the_threshold_send_a_comment_back_to_the_queue(article, settings):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    comment = make_comment(article, text="نظر بحث‌برانگیز")
    same_reader = Client(REMOTE_ADDR="192.0.2.1")
    for _ in range(3):
        report(same_reader, comment)  # one reader counts once
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    report(Client(REMOTE_ADDR="192.0.2.2"), comment)
    response = report(Client(REMOTE_ADDR="198.51.100.3"), comment, **JSON)
    assert "گزارش شما ثبت شد" in response.json()["message"]
    comment.refresh_from_db()
    assert (comment.status, comment.held) == (Comment.Status.PENDING, Comment.Held.REPORTS)
    assert CommentReport.objects.filter(comment=comment).count() == 3
    assert "نظر بحث‌برانگیز" not in Client().get(article.get_absolute_url()).text


def test_one_address_cannot_hide_a_comment_however_many_readers_it_makes(article, settings):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    comment = make_comment(article, text="نظری که کسی نمی‌پسندد")
    for _ in range(5):  # no cookie kept: a new "reader" each time, from one address
        assert report(Client(REMOTE_ADDR="203.0.113.7"), comment).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert "نظری که کسی نمی‌پسندد" in Client().get(article.get_absolute_url()).text
