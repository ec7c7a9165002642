# Work in NL chatbot. `make help` lists the targets.
SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
PYTHON ?= $(shell command -v python$(basename $(PYTHON_VERSION)) 2>/dev/null || echo /root/.pyenv/versions/$(PYTHON_VERSION)/bin/python3.10)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
MODEL := models/wnl.tar.gz
# pytest-xdist workers for `make test`; each runs whole test files (tests/conftest.py groups them).
TEST_WORKERS ?= 2
# axe-core (npm) checks the web pages for WCAG violations in the browser tests.
AXE := node_modules/axe-core/axe.min.js
# Browser tests drive Debian's Chromium (Playwright's own browser download does not work here);
# the QR card test reads the codes back with zbarimg.
CHROMIUM := /usr/bin/chromium
ZBARIMG := /usr/bin/zbarimg
# Everything the trained model depends on: retrain only when one of these changed.
MODEL_INPUTS := config.yml domain.yml $(wildcard data/intents/*.yml data/rules.yml data/stories.yml) \
	bot/rasa/folding_tokenizer.py bot/rasa/language_annotator.py bot/language/folding.py
export PYTHONPATH := $(CURDIR)
# Benchmarks count answers like real traffic: never in the database `make run` serves.
BENCH_DB := sqlite:///$(CURDIR)/var/bench.sqlite3
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help run test lint validate train translations cards fuzz purge bench bench-nlu bench-pipelines bench-conversations bench-first-messages bench-web bench-langid bench-routing bench-load bench-login-flood bench-handover clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-20s %s\n", $$1, $$2}'

run: $(STAMP) $(MODEL) ## Start action server, Rasa server and the web chat page (Ctrl-C stops all)
	@bash scripts/run.sh

test: $(STAMP) lint validate $(MODEL) $(CHROMIUM) $(ZBARIMG) $(AXE) ## Validate data, train if needed, run the whole test suite
	$(PY) -m bot faq report --out var/reports
	$(RASA) test core --stories tests/test_stories.yml --model $(MODEL) --fail-on-prediction-errors --out var/results/core --quiet
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

lint: $(STAMP) ## ruff: the rules in ruff.toml, imports sorted, no import loops
	$(VENV)/bin/ruff check .

validate: $(STAMP) ## rasa data validate, failing on warnings
	$(RASA) data validate --fail-on-warnings --quiet

train: $(MODEL) ## Train the model (only when data or config changed)

$(MODEL): $(MODEL_INPUTS) | $(STAMP)
	$(RASA) train --fixed-model-name wnl --out models --quiet
	@touch $(MODEL)

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	@touch $(AXE)

$(CHROMIUM) $(ZBARIMG):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium zbar-tools

$(STAMP): requirements.txt .python-version
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<25"
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

fuzz: $(STAMP) $(MODEL) ## The fuzz suite with a long budget (FUZZ_EXAMPLES, default 1000 per property)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-1000} $(PY) -m pytest tests/e2e/test_fuzz.py -p no:cacheprovider

purge: $(STAMP) ## Delete conversations idle for over RETENTION_DAYS (30) from the tracker store
	$(PY) -m bot purge

cards: $(STAMP) ## QR cards for inspectors in every language into var/cards (CHAT_BASE_URL, WHATSAPP_NUMBER)
	$(PY) -m bot qr --out var/cards

translations: $(STAMP) ## Extract strings to locales/messages.pot and locales/staff.pot (staff pages) and update every catalog
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --add-comments=Translators: --add-location=never --no-wrap --omit-header -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(VENV)/bin/pybabel extract -F babel-staff.cfg -k S_ --add-comments=Translators: --add-location=never --no-wrap --omit-header -o locales/staff.pot .
	$(VENV)/bin/pybabel update -D staff -i locales/staff.pot -d locales --no-wrap --ignore-obsolete --no-fuzzy-matching

bench: bench-nlu bench-langid bench-routing bench-load ## Run all benchmarks

bench-load: $(STAMP) $(MODEL) ## REST round trips vs bare parse at 1/10/50 conversations; embedded and PostgreSQL+Redis
	DATABASE_URL=$(BENCH_DB) $(PY) -m bot regions load
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/load.py

bench-login-flood: $(STAMP) $(MODEL) ## Chat latency through the web app during a staff login flood
	DATABASE_URL=$(BENCH_DB) $(PY) -m bot regions load
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/login_flood.py

bench-conversations: $(STAMP) $(MODEL) ## Multi-turn conversations in five languages over REST (benchmarks/conversations/)
	DATABASE_URL=$(BENCH_DB) $(PY) -m bot regions load
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/conversations.py

bench-handover: $(STAMP) $(MODEL) ## Worker's yes -> staff inbox, staff reply -> worker (web, WhatsApp); embedded and PostgreSQL+Redis
	$(PY) benchmarks/handover.py

bench-web: $(STAMP) $(MODEL) $(CHROMIUM) ## Web chat first load and deep link to first answer, fast and on slow 3G with a 4x slower CPU
	DATABASE_URL=$(BENCH_DB) $(PY) -m bot regions load
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/web_page.py

bench-first-messages: $(STAMP) $(MODEL) ## First messages in five languages over REST: topic and language (benchmarks/first_messages/)
	DATABASE_URL=$(BENCH_DB) $(PY) -m bot regions load
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/first_messages.py

bench-routing: $(STAMP) ## Place -> region accuracy and lookup latency (tests/routing/)
	DATABASE_URL=$(BENCH_DB) $(PY) -m bot regions load
	DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/routing.py

bench-langid: $(DEV_STAMP) ## Language identification: ours vs langdetect vs lingua, by length
	$(PY) benchmarks/langid.py

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(DEV_STAMP)

bench-nlu: $(STAMP) ## Intent accuracy and macro-F1 per language on the held-out split
	$(PY) benchmarks/nlu_accuracy.py

bench-pipelines: $(STAMP) ## NLU pipelines compared: accuracy, train time, size, parse latency, memory
	$(PY) benchmarks/nlu_pipelines.py

clean: ## Remove the virtualenv, models and runtime files
	rm -rf $(VENV) models var .rasa
