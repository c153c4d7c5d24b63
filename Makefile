# Onderwijsloket Intake. The two everyday commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

PY      := .venv/bin/python
RASA    := .venv/bin/rasa
MODEL   := bot/models/onderwijsloket.tar.gz
DATA    := $(shell find bot/data -name '*.yml' 2>/dev/null)
SPACY_STAMP := var/spacy-model.txt

.PHONY: help setup run run-productie bench-replicas train shell validate test test-unit test-services test-stack test-browser test-slow _test-stack-browser _test-services-slow lint kb-check kb-load intaker overdrachten review samenvoegen opschonen verwijder herredigeren analyse retrain model bench-nlu bench-train bench-advice bench-gesprekken bench-latency profile FORCE

help:
	@echo "make run       installeren (als dat nodig is), trainen (als iets veranderde) en starten"
	@echo "make test      alle tests (alle lagen) en make lint"
	@echo "make test-unit / test-services / test-stack / test-browser / test-slow   een laag van de tests (tests/conftest.py)"
	@echo "make lint      ruff: controle en opmaak"
	@echo "make run-productie   productie-opstelling: nginx, twee Rasa-replica's, PostgreSQL, Redis, RabbitMQ (docs/productie.md)"
	@echo "make train     ontwikkelmodel trainen als data, config of domein veranderde (vervangt nooit het gepromoveerde model)"
	@echo "make shell     chatten in de terminal"
	@echo "make validate  trainingsdata controleren"
	@echo "make kb-check  kennisbank controleren (bronnen, datums, route-ids, bereikbaarheid)"
	@echo "make kb-load   kennisbank in de database laden (migraties + inhoud)"
	@echo "make intaker GEBRUIKER=naam [NAAM=\"Volledige naam\"]   account voor de inbox maken"
	@echo "make overdrachten   stand van de aflevering van overdrachten (ook mislukte)"
	@echo "make review SINDS=2026-11-01   gesprekken exporteren en berichten om na te kijken"
	@echo "make samenvoegen BESTAND=var/review/review-....csv   nagekeken voorbeelden in bot/data zetten"
	@echo "make opschonen DAGEN=90   gesprekken (ook in exports en testverhalen), overdrachten en exports ouder dan DAGEN verwijderen"
	@echo "make verwijder GESPREK=id   alles over een gesprek verwijderen (AVG-verzoek; ook het pseudoniem g-... uit een export)"
	@echo "make herredigeren   store en exports opnieuw redigeren nadat de redactie verbeterde"
	@echo "make analyse [SINDS=2026-11-01]   rapport: trechter, waar gesprekken eindigen, afhakers per vraag (zonder testverkeer)"
	@echo "make retrain   kandidaat trainen, vergelijken met het model van make run, alleen promoveren als hij niet slechter is"
	@echo "make model     welk model make run gebruikt (gepromoveerd of ontwikkelmodel)"
	@echo "make bench-nlu / bench-train / bench-advice / bench-gesprekken / bench-latency / bench-replicas   metingen (zie README)"
	@echo "make profile   waar de Rasa-server zijn tijd aan besteedt (py-spy, docs/latency.md)"

setup:
	@scripts/setup.sh

# Rewritten only when the spaCy model the bot would load changes.
$(SPACY_STAMP): FORCE | setup
	@PYTHONWARNINGS=ignore $(PY) scripts/spacy_model_stamp.py $@

$(MODEL): config.yml domain.yml $(DATA) $(wildcard bot/nlu/*.py) $(SPACY_STAMP) | setup
	$(RASA) train --data bot/data --domain domain.yml --config config.yml \
	  --out bot/models --fixed-model-name onderwijsloket
	@touch $@

train: $(MODEL)

run: $(MODEL)
	@scripts/run.sh

# Production set on this machine: nginx, two Rasa replicas (PostgreSQL, Redis, RabbitMQ),
# two action servers, the worker and the inbox (docs/productie.md).
run-productie: $(MODEL)
	@scripts/run_productie.sh

# Messages/s through nginx with two replicas against one replica (docs/productie.md).
bench-replicas: $(MODEL)
	$(PY) -m bot.benchmarks.replicas $(if $(RONDES),--rondes $(RONDES),) $(if $(GESPREKKEN),--gesprekken $(GESPREKKEN),)

shell: $(MODEL)
	@ACTION_ENDPOINT_URL=http://localhost:5055/webhook TRACKER_DB=var/shell.db scripts/shell.sh

validate: | setup
	$(RASA) data validate --data bot/data --domain domain.yml --config config.yml

# Test tiers (tests/conftest.py): unit needs nothing but the checkout; make test runs all tiers.
test-unit: | setup
	$(PY) -m pytest -q -n 2 -m unit tests/unit

test-services: | setup
	$(PY) -m pytest -q -m services

test-stack: $(MODEL)
	$(PY) -m pytest -q -m stack

test-browser: $(MODEL)
	$(PY) -m pytest -q -m browser

test-slow: $(MODEL)
	$(PY) -m pytest -q -m slow

# All tiers, two at a time (-O: each one's output when it ends): the unit tier while the
# model trains, then the running stack's tiers beside services and training.
test: lint
	@$(MAKE) --no-print-directory -j2 -O test-unit $(MODEL)
	@$(MAKE) --no-print-directory -j2 -O _test-stack-browser _test-services-slow

_test-stack-browser: $(MODEL)
	$(PY) -m pytest -q -m "stack or browser"

_test-services-slow: $(MODEL)
	$(PY) -m pytest -q -m "services or slow"

lint: | setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Content first (sources, ids, facts), then whether the advice engine reaches every route.
kb-check: | setup
	$(PY) -m bot.knowledge check
	$(PY) -m bot.advice.coverage

kb-load: | setup
	$(PY) -m bot.knowledge load

intaker: | setup
	@test -n "$(GEBRUIKER)" || { echo "Gebruik: make intaker GEBRUIKER=sanne NAAM=\"Sanne de Vries\"" >&2; exit 2; }
	$(PY) -m connectors.inbox intaker-toevoegen "$(GEBRUIKER)" --naam "$(NAAM)"

overdrachten: | setup
	$(PY) -m bot.handoff.outbox status

review: | setup
	@test -n "$(SINDS)" || { echo "Gebruik: make review SINDS=2026-11-01" >&2; exit 2; }
	$(PY) -m bot.maintenance.review exporteer --sinds "$(SINDS)"

samenvoegen: | setup
	@test -n "$(BESTAND)" || { echo "Gebruik: make samenvoegen BESTAND=var/review/review-JJJJ-MM-DD.csv" >&2; exit 2; }
	$(PY) -m bot.maintenance.review samenvoegen "$(BESTAND)"
	$(MAKE) validate

opschonen: | setup
	@test -n "$(DAGEN)" || { echo "Gebruik: make opschonen DAGEN=90" >&2; exit 2; }
	$(PY) -m bot.maintenance.retention opschonen --dagen "$(DAGEN)"

verwijder: | setup
	@test -n "$(GESPREK)" || { echo "Gebruik: make verwijder GESPREK=<gesprek-id>" >&2; exit 2; }
	$(PY) -m bot.maintenance.retention verwijder "$(GESPREK)"

herredigeren: | setup
	$(PY) -m bot.maintenance.retention herredigeren

analyse: | setup
	$(PY) -m bot.maintenance.analytics $(if $(SINDS),--sinds "$(SINDS)",)

retrain: | setup
	$(PY) -m bot.maintenance.retrain

model: | setup
	@$(PY) -m bot.maintenance.production

bench-advice: | setup
	$(PY) -m bot.benchmarks.advice

# Personas written without sight of the bot, played over REST; the held-out part last.
bench-gesprekken: $(MODEL)
	$(PY) -m bot.benchmarks.gesprekken --deel ontwikkel $(if $(DETAILS),--details,)
	$(PY) -m bot.benchmarks.gesprekken --deel heldout

# Per message next to a bare `rasa init` bot: p50/p95/max at 1, 5, 10, 20 conversations,
# throughput, RSS. REFERENTIE=dir keeps (and reuses) the trained reference bot.
bench-latency: $(MODEL)
	$(PY) -m bot.benchmarks.latency $(if $(REFERENTIE),--referentie "$(REFERENTIE)",) $(if $(RONDES),--rondes $(RONDES),)

# Where the Rasa server spends its time per message: py-spy over scripted conversations
# (stacks and summary in var/profile/; docs/latency.md).
profile: $(MODEL)
	$(PY) -m bot.benchmarks.profile $(if $(GESPREKKEN),--gesprekken $(GESPREKKEN),)

bench-nlu: $(MODEL)
	scripts/bench_nlu.sh

bench-train: | setup
	scripts/bench_train.sh
