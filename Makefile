# Panduan Praktik — the two set-up commands are `make build` and `make test`.
# Everything installs itself: the virtualenv, the Python packages, and (on Debian/Ubuntu, as root
# or with sudo) the system packages listed below. Nothing is downloaded at build time besides packages.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

# Every Debian/Ubuntu package that `make build` and `make test` need, checked by name with dpkg.
# PDF (make build, make pdf): WeasyPrint binds Pango with its FreeType backend and HarfBuzz-subset
# (without it WeasyPrint warns at import, which `filterwarnings = error` turns into dead PDF
# workers); Noto covers every Indonesian character. GLib, HarfBuzz and Fontconfig come with Pango.
PDF_PACKAGES  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core
# Tests only: Playwright drives the system browser at /usr/bin/chromium (tests/browser/), and
# node runs the Python/JS search parity test (tests/search/test_stemmer.py).
TEST_PACKAGES := chromium nodejs
SYSTEM_PACKAGES := $(PDF_PACKAGES) $(TEST_PACKAGES)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Shell snippet: print the packages of $(1) that dpkg does not report as installed.
missing_packages = for p in $(1); do dpkg -s $$p 2>/dev/null | grep -q '^Status: install ok installed' || echo $$p; done

# Shell snippet: install the missing packages of $(1) with apt-get; only a warning without apt-get.
define install_missing
missing="$$($(call missing_packages,$(1)))"; missing=$$(echo $$missing); \
if [ -z "$$missing" ]; then exit 0; fi; \
if ! command -v apt-get >/dev/null 2>&1; then \
	echo "PERINGATAN: apt-get tidak ditemukan (bukan Debian/Ubuntu). Pasang paket berikut, atau padanannya, dengan pengelola paket sistem Anda: $$missing"; \
	exit 0; \
fi; \
if [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null 2>&1; then \
	echo "GALAT: paket sistem belum terpasang ($$missing); jalankan perintah ini sebagai root atau pasang sudo."; exit 1; \
fi; \
echo "Memasang paket sistem: $$missing"; \
$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null
endef

.PHONY: build site pdf offline test test-fast lint serve check system-deps test-system-deps check-system-deps test-portable bench clean

build: $(STAMP) system-deps ## venv + install + check + PDFs + site + offline bundle
	$(BIN)/panduan check
	$(BIN)/panduan pdf
	$(BIN)/python -m panduan.offline --out dist/panduan-offline.zip
	$(BIN)/panduan build    # last, so the site links the PDFs and the offline bundle

site: $(STAMP)
	$(BIN)/panduan build

pdf: $(STAMP) system-deps
	$(BIN)/panduan pdf

offline: $(STAMP)
	$(BIN)/python -m panduan.offline --out dist/panduan-offline.zip

check: $(STAMP)
	$(BIN)/panduan check

serve: $(STAMP)
	$(BIN)/panduan serve

test: $(STAMP) test-system-deps lint ## lint, then all test layers; browser and portable-builder tests skip when Chromium or the registry is missing (fail under CI=true)
	$(BIN)/python -m pytest -n auto -q

lint: $(STAMP) ## Ruff (lint + format check) on the whole tree, mypy --strict on generator/panduan (settings in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

test-portable: $(STAMP) ## `panduan generate --out` built by ProperDocs and Zensical (venvs in .cache/builders/)
	$(BIN)/python -m pytest -q -m portable

bench: $(STAMP) ## benchmarks (bench/run.py); e.g. make bench BENCH_ARGS="--sizes 5000 --runs 1"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

system-deps: ## the PDF packages, each installed only when dpkg does not list it
	@$(call install_missing,$(PDF_PACKAGES))

test-system-deps: ## every package of SYSTEM_PACKAGES (PDF and tests)
	@$(call install_missing,$(SYSTEM_PACKAGES))

check-system-deps: ## fail, naming them, when packages of SYSTEM_PACKAGES are missing (CI)
	@command -v dpkg >/dev/null 2>&1 || { echo "GALAT: dpkg tidak ditemukan; pemeriksaan ini hanya untuk Debian/Ubuntu."; exit 1; }
	@missing="$$($(call missing_packages,$(SYSTEM_PACKAGES)))"; missing=$$(echo $$missing); \
	if [ -n "$$missing" ]; then echo "GALAT: paket sistem belum terpasang: $$missing. Jalankan \`make test-system-deps\`."; exit 1; fi; \
	echo "Semua paket sistem terpasang: $(SYSTEM_PACKAGES)"

clean:
	rm -rf site dist .site-builds .dist-builds .pytest_cache
