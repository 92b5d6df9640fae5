# Panduan Praktik — the two set-up commands are `make build` and `make test`.
# Everything installs itself: the virtualenv, the Python packages, and (on Debian/Ubuntu, as root
# or with sudo) the system libraries WeasyPrint needs for the PDFs and a font with full Indonesian
# coverage. Nothing is downloaded at build time besides packages.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build site pdf offline test test-fast test-portable serve check system-deps bench clean

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

test: $(STAMP) system-deps ## all test layers; browser and portable-builder tests skip when Chromium or the registry is missing (fail under CI=true)
	$(BIN)/python -m pytest -n auto -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

test-portable: $(STAMP) ## `panduan generate --out` built by ProperDocs and Zensical (venvs in .cache/builders/)
	$(BIN)/python -m pytest -q -m portable

bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

system-deps: ## WeasyPrint's Pango and a font; skipped when already present or not on Debian
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi "noto sans\|dejavu sans"; then \
		true; \
	elif command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang pustaka sistem untuk PDF: $(SYSTEM_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	else \
		echo "PERINGATAN: pasang Pango dan font Noto Sans secara manual agar PDF dapat dibuat."; \
	fi

clean:
	rm -rf site dist .site-builds .dist-builds .pytest_cache
