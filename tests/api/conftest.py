import pytest

from newsroom.readers import tallies


@pytest.fixture(autouse=True)
def no_sweep_of_old_counts(monkeypatch):
    """The address counts' sweep of long-expired rows runs once a minute in a process, in
    whichever request comes then: not a query of the endpoint the budgets here measure."""
    monkeypatch.setattr(tallies, "SWEEP_EVERY", float("inf"))
