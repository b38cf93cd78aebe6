"""`make bench` is a benchmark, not a test: what is tested is that it reads wrk right and
refuses to run anywhere but on its own throwaway database."""

import pytest
from django.core.management import CommandError, call_command

from newsroom.serving.bench import parse_wrk

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8799/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.41ms    1.02ms  20.11ms   88.21%
    Req/Sec     2.36k   120.55     2.60k    70.00%
  Latency Distribution
     50%    3.12ms
     75%    3.70ms
     90%    4.50ms
     99%  850.00us
  11760 requests in 5.00s, 250.12MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2351.87
Transfer/sec:     50.01MB
"""


def test_wrk_figures_are_read_with_their_units():
    result = parse_wrk(WRK_OUTPUT)
    assert result.rps == 2351.87
    assert result.p50 == 3.12
    assert result.p99 == 0.85  # microseconds, in milliseconds
    assert result.errors == 3


def test_a_failed_run_reads_as_no_throughput_not_as_a_figure():
    result = parse_wrk("unable to connect to 127.0.0.1:8799 Connection refused\n")
    assert result.rps == 0.0 and result.p50 != result.p50  # NaN: nothing measured


@pytest.mark.django_db
def test_bench_refuses_to_run_outside_make_bench(settings):
    settings.BENCH = False
    with pytest.raises(CommandError, match="make bench"):
        call_command("bench")


def test_the_postgresql_search_run_starts_from_a_database_made_afresh():
    """The bench's PostgreSQL rows measure the bench's articles only: whatever an earlier run
    left in its database is gone (skipped where no PostgreSQL answers)."""
    psycopg = pytest.importorskip("psycopg")
    from newsroom.management.commands.bench import recreate_database

    url = "postgres://postgres@127.0.0.1:5432/newsroom_bench_check"
    try:
        recreate_database(url)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL here: {error}")
    with psycopg.connect(url, autocommit=True) as database:
        database.execute("CREATE TABLE left_over (n int)")
    recreate_database(url)
    with psycopg.connect(url, autocommit=True) as database:
        tables = database.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'left_over'")
        assert tables.fetchone()[0] == 0
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
        server.execute("DROP DATABASE newsroom_bench_check WITH (FORCE)")
