# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Interface translations: messages.pot is extracted from the code and templates, each
# <locale>/LC_MESSAGES/messages.po is what translators edit; the .mo files are compiled here,
# at install, and never committed.
I18N   := personalize/translations
POT    := $(I18N)/messages.pot
PO     := $(wildcard $(I18N)/*/LC_MESSAGES/messages.po)
MO     := $(PO:.po=.mo)
EXTRACT_KEYWORDS := -k translate:2 -k translate_plural:2,3 -k N_

.PHONY: run test lint bench clean install messages translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

$(I18N)/%/LC_MESSAGES/messages.mo: $(I18N)/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -D messages -i $< -o $@ -l $*

translations: $(MO)

install: $(STAMP) translations

# After changing interface text: refresh the template and merge it into every catalog.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(EXTRACT_KEYWORDS) --no-location --sort-output \
	  --project personalize --copyright-holder personalize -o $(POT) .
	$(BIN)/pybabel update -i $(POT) -d $(I18N) --no-fuzzy-matching --ignore-obsolete

# A development secret key made for this run (sessions end when it stops), unless one is set.
run: install
	PERSONALIZE_SECRET_KEY="$${PERSONALIZE_SECRET_KEY:-dev-$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(16))')}" \
	  $(BIN)/flask --app wsgi run --port $${PORT:-5000}

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) instance .pytest_cache $(MO)
