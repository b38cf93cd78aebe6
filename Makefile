# Newsroom — `make run` to try it, `make test` to check it.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# A Python >= 3.12 that really runs: pyenv shims answer `command -v` even where the
# version behind them is not selected, so every candidate is run, not just looked up.
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 python3 python \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	/usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12

find_python = for c in $(PYTHON_CANDIDATES); do \
	  if "$$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    echo "$$c"; exit 0; fi; \
	done; exit 1

.PHONY: help install lock run serve serve-edge bench weigh test test-production test-postgres test-redis format clean

help:
	@echo "make run      set up (.venv, packages, database, demo content) and serve on http://127.0.0.1:$(PORT)"
	@echo "make test     run the checks and the test suite"
	@echo "make test-production  gunicorn (DEBUG off) with and without Redis, checked over HTTP"
	@echo "make install  set up only: .venv, packages and the database"
	@echo "make lock     write requirements*.txt again after a change to pyproject.toml's dependencies"
	@echo "make serve    production-like: gunicorn on 127.0.0.1:$(PORT) and the task worker, DEBUG off"
	@echo "make serve-edge  the same behind Varnish: Varnish on 127.0.0.1:$(PORT), gunicorn on ORIGIN_PORT, the worker"
	@echo "make bench    measure throughput and latency (gunicorn + wrk); prints a table"
	@echo "             (BENCH_ARGS='--only inprocess', '--only search' or '--only api': those rows alone)"
	@echo "make weigh    page weight per page type on a phone and a desk (gunicorn + Chromium)"

# The packages come from the lock files, exact versions with their hashes (`make lock`);
# the project itself is installed editable on top, with nothing more.
$(STAMP): pyproject.toml requirements.txt requirements-dev.txt
	@py=$$($(find_python)) || { \
	  echo "Newsroom needs Python 3.12 or newer with the venv module, and none was found."; \
	  echo "Tried: $(PYTHON_CANDIDATES)"; \
	  echo "Install one (e.g. 'pyenv install 3.13') or name it: make PYTHON=/path/to/python3.13 run"; \
	  exit 1; }; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  echo "Replacing $(VENV): it was made with an older Python."; rm -rf $(VENV); fi; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$py ($$($$py --version))"; "$$py" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

# requirements.txt (what the site runs on) and requirements-dev.txt (and what develops and
# tests it) from pyproject.toml's ranges: exact versions and hashes, for every platform and
# Python 3.12 or newer. Kept versions stay; LOCK_ARGS=--upgrade takes the newest allowed.
LOCK := $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.12 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_ARGS)
lock: $(STAMP)
	$(LOCK) -o requirements.txt
	$(LOCK) --extra dev --constraint requirements.txt -o requirements-dev.txt

# The development commands run with DEBUG on unless told otherwise (DEBUG=0 make run).
DEV := DEBUG=$${DEBUG:-1}
# The demo shows the messengers' channel boxes: example channels, unless yours are set.
DEMO_CHANNELS := EITAA_CHANNEL_URL=$${EITAA_CHANNEL_URL:-https://eitaa.com/newsroom_demo} \
	BALE_CHANNEL_URL=$${BALE_CHANNEL_URL:-https://ble.ir/newsroom_demo} \
	RUBIKA_CHANNEL_URL=$${RUBIKA_CHANNEL_URL:-https://rubika.ir/newsroom_demo} \
	TELEGRAM_CHANNEL_URL=$${TELEGRAM_CHANNEL_URL:-https://t.me/newsroom_demo}

# The browser tests' tools (axe-core, the Nu Html Checker) come from npm; without npm those
# tests say so and are skipped.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML-validity checks will be skipped."; fi

install: $(STAMP) $(NODE_STAMP)
	$(DEV) $(PY) manage.py migrate --noinput

run: install
	$(DEV) $(PY) manage.py load_demo
	@# The task worker beside the development server, as under `make serve`.
	@$(DEV) $(DEMO_CHANNELS); export DEBUG EITAA_CHANNEL_URL BALE_CHANNEL_URL RUBIKA_CHANNEL_URL TELEGRAM_CHANNEL_URL; \
	{ $(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT); }

# Production-like, on loopback: gunicorn, whitenoise's compressed and hashed static files,
# DEBUG off, and beside it the worker that runs background tasks (the images' renditions).
# SECRET_KEY comes from the environment, or a key kept in .secret_key.
serve: $(STAMP)
	@test -n "$$SECRET_KEY" || test -s .secret_key || \
	  $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key
	@# Plain HTTP on loopback: no HTTPS redirect, no Secure-only cookies (set them for real).
	@# Nothing in front on loopback: gunicorn serves the uploads too (SERVE_MEDIA).
	@export SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" DEBUG=0 \
	  SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0} \
	  SERVE_MEDIA=$${SERVE_MEDIA:-1}; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	{ $(PY) manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  echo "Serving on http://127.0.0.1:$(PORT) (health: /healthz), with the task worker"; \
	  $(PY) -m gunicorn -c newsroom/gunicorn.conf.py newsroom.wsgi; }

# The production topology on loopback: Varnish (newsroom/serving/edge.vcl) on $(PORT), purged
# by the app over HTTP, in front of gunicorn on ORIGIN_PORT ($(PORT) + 1 unless told).
ORIGIN_PORT ?= $(shell echo $$(($(PORT) + 1)))
serve-edge: $(STAMP)
	@if ! missing=$$($(PY) -c 'from newsroom.serving import varnish; print(varnish.missing() or "")') || [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -q varnish varnish-modules >/dev/null \
	      || { apt-get update -q >/dev/null && apt-get install -y -q varnish varnish-modules >/dev/null; }; \
	  else echo "make serve-edge needs Varnish: $$missing"; exit 1; fi; fi
	@test -n "$$SECRET_KEY" || test -s .secret_key || \
	  $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key
	@export SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" DEBUG=0 \
	  SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0} \
	  EDGE_PURGER=$${EDGE_PURGER:-newsroom.pagecache.edge.XkeyPurger} \
	  EDGE_PURGE_URLS=$${EDGE_PURGE_URLS:-http://127.0.0.1:$(PORT)} PORT=$(ORIGIN_PORT) \
	  SERVE_MEDIA=$${SERVE_MEDIA:-1}; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	{ $(PY) manage.py db_worker --no-reload & worker=$$!; \
	  $(PY) -m gunicorn -c newsroom/gunicorn.conf.py newsroom.wsgi & origin=$$!; \
	  trap 'kill $$origin $$worker 2>/dev/null; wait $$origin $$worker' EXIT INT TERM; \
	  echo "Serving on http://127.0.0.1:$(PORT) (Varnish; the origin, gunicorn, on 127.0.0.1:$(ORIGIN_PORT)), with the task worker"; \
	  $(PY) -m newsroom.serving.varnish $(PORT) $(ORIGIN_PORT) $(CURDIR)/.varnish; }

# A benchmark, not a test: a throwaway database in .bench/, gunicorn on loopback, wrk.
bench: $(STAMP)
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y -q wrk >/dev/null; \
	  else echo "make bench needs wrk: apt-get install wrk (or brew install wrk)"; exit 1; fi; }
	rm -rf .bench && mkdir -p .bench
	@# Redis as the cache, as in production, where one answers (BENCH_REDIS_URL= to use files);
	@# search measured on PostgreSQL too where one answers (BENCH_POSTGRES_URL= for none).
	redis=$${BENCH_REDIS_URL-redis://127.0.0.1:6379/14}; \
	if [ -n "$$redis" ] && ! $(PY) -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).ping()" "$$redis" 2>/dev/null; then \
	  echo "No Redis at $$redis: the bench caches in files."; redis=""; fi; \
	export BENCH=1 DEBUG=0 SECRET_KEY=bench-only-$$(date +%s)-not-a-secret-key-for-anything-else \
	  DATABASE_URL=sqlite:///$(CURDIR)/.bench/bench.sqlite3 CACHE_DIR=$(CURDIR)/.bench/cache \
	  SECURE_SSL_REDIRECT=0 REDIS_URL=$$redis LOG_LEVEL=WARNING REQUEST_LOG_LEVEL=WARNING FEEDBACK_RATE_LIMIT=1000000000/60 \
	  API_RATE_LIMIT=1000000000/60 \
	  BENCH_POSTGRES_URL=$${BENCH_POSTGRES_URL-postgres://postgres@127.0.0.1:5432/newsroom_bench}; \
	$(PY) manage.py collectstatic --noinput -v0 && $(PY) manage.py bench $(BENCH_ARGS)

# A measurement, not a test: the demo content in .weigh/, served by gunicorn, loaded by Chromium.
weigh: $(STAMP)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y -q chromium >/dev/null; \
	  else echo "make weigh needs Chromium: apt-get install chromium"; exit 1; fi; }
	rm -rf .weigh && mkdir -p .weigh
	export BENCH=1 DEBUG=0 SECRET_KEY=weigh-only-$$(date +%s)-not-a-secret-key-for-anything-else \
	  DATABASE_URL=sqlite:///$(CURDIR)/.weigh/weigh.sqlite3 CACHE_DIR=$(CURDIR)/.weigh/cache \
	  MEDIA_ROOT=$(CURDIR)/.weigh/media SECURE_SSL_REDIRECT=0 REDIS_URL= LOG_LEVEL=WARNING \
	  REQUEST_LOG_LEVEL=WARNING; \
	$(PY) manage.py collectstatic --noinput -v0 && $(PY) manage.py weigh $(WEIGH_ARGS)

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run
	@# One pytest worker per core (at most four; TEST_WORKERS=0 for one process): each has
	@# its own SQLite file and local-memory cache, so they never meet.
	$(PY) -m pytest --numprocesses=$${TEST_WORKERS:-auto} --maxprocesses=4 $(PYTEST_ARGS)

# The production path, as .ci/run runs it where the services answer.
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest -q

test-redis: $(STAMP)
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} $(PY) -m pytest -q -m cache

# What the real server does (tests/production): gunicorn with DEBUG off, once with a private
# redis-server it starts and kills, once with the file cache, spoken to over HTTP.
test-production: $(STAMP)
	$(PY) -m pytest -q -m production

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
