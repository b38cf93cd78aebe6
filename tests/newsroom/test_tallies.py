"""Counts that must be exact — flood limits, login attempts — with several processes at
once, with or without Redis: they are kept in the database."""

import datetime

import pytest
import time_machine
from django.contrib.auth.backends import ModelBackend
from django.test import Client, RequestFactory
from django.urls import reverse

from newsroom.readers import tallies
from newsroom.readers.identity import address_hash
from newsroom.readers.limits import address_over_limit
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_flood_limits_count_every_request_of_every_worker(run_in_processes):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")

    def worker():
        for _ in range(250):
            address_over_limit(request, "votes", 10**6, 600)

    run_in_processes([worker] * 4)
    assert tallies.peek(f"flood:votes:{address_hash(request)}") == 1000


def test_a_window_that_has_ended_starts_again_at_one():
    start = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start):
        assert [tallies.add("k", 60) for _ in range(3)] == [1, 2, 3]
    with time_machine.travel(start + datetime.timedelta(seconds=59)):
        assert tallies.add("k", 60) == 4
    with time_machine.travel(start + datetime.timedelta(seconds=61)):
        assert tallies.add("k", 60) == 1


def test_the_limit_refuses_past_its_count(client):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.10")
    answers = [address_over_limit(request, "comments", 3, 600) for _ in range(5)]
    assert answers == [False, False, False, True, True]


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_guesses_at_once_tries_no_more_than_five_passwords(
    run_in_processes, tmp_path, monkeypatch
):
    """Twelve guesses sent at the same instant from one address, by twelve processes: five
    passwords are checked, the rest are refused unchecked, and the right password that
    comes next does not get in."""
    make_user("Editors", username="sardabir")
    checked = tmp_path / "checked"
    check_password = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        with checked.open("a") as marks:
            marks.write("x")
        return check_password(self, request, username, password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    login = reverse("admin:login")

    def guess(password):
        return lambda: Client().post(login, {"username": "sardabir", "password": password})

    run_in_processes([guess(f"wrong{n}") for n in range(12)])
    assert len(checked.read_text()) <= 5
    answer = Client().post(login, {"username": "sardabir", "password": "pass"})
    assert answer.status_code == 429 and "۱۵ دقیقه" in answer.text
