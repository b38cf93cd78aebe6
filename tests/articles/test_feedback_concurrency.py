"""Many readers voting at once: no vote lost, none counted twice."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from articles.models import FeedbackVote
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_concurrent_votes_are_counted_exactly(settings, run_together):
    settings.FEEDBACK_RATE_LIMIT = (10_000, 600)
    article = make_article()
    url = f"/feedback/{article.code}/"
    answers = ["yes" if i % 3 else "no" for i in range(24)]
    statuses = []

    def reader(answer):
        def vote():
            statuses.append(Client().post(url, {"useful": answer}).status_code)

        return vote

    # One more reader who double-clicks: five posts with one cookie.
    clicker = Client()
    clicker.get(url)  # no cookie yet; the first vote sets it
    clicker.post(url, {"useful": "no"})

    def double_click():
        statuses.append(clicker.post(url, {"useful": "yes"}).status_code)

    run_together([reader(a) for a in answers] + [double_click] * 5)

    assert statuses.count(302) == len(answers) + 5
    tally = FeedbackVote.objects.filter(article=article).tally()
    assert tally.total == len(answers) + 1
    assert tally.yes == answers.count("yes") + 1


def test_roles_survive_a_transactional_test():
    # serialized_rollback puts the migration-made groups back for the tests that follow.
    assert Group.objects.filter(name="Reporters").exists()
