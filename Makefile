# Dugnad: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := DJANGO_DEBUG=true
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test deps assets browser-deps pdf-deps migrate demo lint typecheck check bench messages messages-update clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv

$(VENV)/.installed: requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

deps: $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Copy the npm assets into build/static (served as /static/vendor/...).
assets: node_modules/.package-lock.json
	mkdir -p build/static/vendor/designsystemet build/static/vendor/htmx build/static/vendor/inter/files build/static/vendor/leaflet
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css build/static/vendor/designsystemet/index.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css build/static/vendor/designsystemet/theme.css
	cp node_modules/htmx.org/dist/htmx.min.js build/static/vendor/htmx/htmx.min.js
	cp node_modules/@fontsource-variable/inter/index.css build/static/vendor/inter/inter.css
	cp node_modules/@fontsource-variable/inter/files/inter-*-wght-*.woff2 build/static/vendor/inter/files/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images build/static/vendor/leaflet/

# Compile the translation catalogues (.mo files are built here, never committed).
messages: deps
	@if find src/dugnad -path '*/locale/*/LC_MESSAGES/*.po' -print -quit | grep -q .; then \
	  cd src/dugnad && ../../$(BIN)/django-admin compilemessages --ignore=.venv -v0; \
	else echo "No translation catalogues yet: nothing to compile."; fi

# Re-extract the translatable strings of src/dugnad into the nb, nn and en
# catalogues (see docs/translations.md); then translate what is new.
messages-update: deps
	cd src/dugnad && DUGNAD_TESTING=true DJANGO_SETTINGS_MODULE=dugnad.settings \
	  ../../$(BIN)/django-admin makemessages -l nb -l nn -l en --ignore=migrations \
	  --no-obsolete --add-location=file -v1

migrate: deps
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput -v0

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_demo

run: deps assets messages pdf-deps demo
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/  (Bærum: http://baerum.localhost:$(PORT)/  Asker: http://asker.localhost:$(PORT)/)"
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests (Playwright never downloads a browser).
browser-deps: pdf-deps
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# Pango and a font for WeasyPrint (certificates, decisions as PDF).
pdf-deps:
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
	  echo "Installing Debian's Pango and DejaVu fonts for PDF output"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	fi

test: deps assets messages browser-deps
	DUGNAD_TESTING=true $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: deps
	DUGNAD_TESTING=true $(BIN)/mypy src tests $(wildcard bench)

check: deps
	DUGNAD_TESTING=true $(BIN)/python manage.py makemigrations --check --dry-run -v1
	DJANGO_SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(60))") \
	  DJANGO_ALLOWED_HOSTS=dugnad.example.no $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: deps assets messages
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.season_allocation

clean:
	rm -rf $(VENV) node_modules build var
