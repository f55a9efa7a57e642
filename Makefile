# The two commands of the README: `make run` and `make test`.
# Each installs what is missing (Debian packages, a .venv with the pinned
# Python packages) and is instant the second time.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1:8000

# WeasyPrint (Pango, HarfBuzz subsetting), a Times-compatible font with every
# Vietnamese letter, gettext for the English catalogue.
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation2 gettext
# Browser tests drive Debian's Chromium; PDF tests read text back with poppler;
# the synthesis table is opened in LibreOffice Calc (headless) to prove it reads.
APT_TEST := $(APT_RUN) chromium poppler-utils libreoffice-calc-nogui
# The benchmark's throughput part loads gunicorn with wrk (bench/throughput.py).
APT_BENCH := $(APT_RUN) wrk

# Every catalogue: django.po and djangojs.po (locale/vi completes Django's own
# Vietnamese and is edited by hand; `make messages` only regenerates locale/en).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: run test install install-rq install-test system-run system-test system-bench lint migrations-check bench messages clean

run: system-run install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@# The task worker beside the server (background exports, reminder batches); Ctrl-C stops both.
	$(PY) manage.py db_worker --no-reload & trap 'kill $$! 2>/dev/null' EXIT; $(PY) manage.py runserver $(HOST)

# The whole suite on both cores (one worker per core, a test module stays on one
# worker so the data it builds once is built once), with coverage and the
# slowest tests printed.
PYTEST_ARGS ?= -n auto --dist loadscope --durations=15 --cov --cov-report=term

test: system-test install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install migrations-check
	$(VENV)/bin/ruff check .

# The suite makes its databases from the models; the migrations are checked here:
# in step with the models, and applied from scratch to a fresh SQLite file (and to a
# fresh PostgreSQL database when one answers at 127.0.0.1:5432).
migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run
	@tmp=$$(mktemp -d); DATABASE_URL=sqlite:///$$tmp/fresh.sqlite3 $(PY) manage.py migrate --noinput -v0; \
	  status=$$?; rm -rf $$tmp; [ $$status = 0 ] && echo "migrations apply to a fresh SQLite database"; exit $$status
	@if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then \
	  PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS campaign_fresh" -c "CREATE DATABASE campaign_fresh" postgres \
	  && DATABASE_URL=postgres://postgres@127.0.0.1:5432/campaign_fresh $(PY) manage.py migrate --noinput -v0 \
	  && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE campaign_fresh" postgres \
	  && echo "migrations apply to a fresh PostgreSQL database"; fi

bench: system-bench install
	$(PY) bench/run.py

system-run:
	@$(MAKE) --no-print-directory _apt PKGS="$(APT_RUN)"

system-test:
	@$(MAKE) --no-print-directory _apt PKGS="$(APT_TEST)"

system-bench:
	@$(MAKE) --no-print-directory _apt PKGS="$(APT_BENCH)"

_apt:
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

install: $(VENV)/.installed $(MO_FILES)

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check $$($(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(p["dependencies"] + p["optional-dependencies"]["dev"]))')
	touch $@

# The Redis-backed task queue for several worker machines (TASKS_BACKEND=rq, docs/operations.md):
# pyproject's `rq` extra, not needed otherwise.
install-rq: install
	$(PY) -m pip install -q --disable-pip-version-check $$($(PY) -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["rq"]))')

$(MO_FILES): %.mo: %.po
	msgfmt --check-format -o $@ $<

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete
	$(MAKE) --no-print-directory $(MO_FILES)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
