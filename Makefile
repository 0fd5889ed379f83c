# raingan: make demo | make test | make bench | make samples | make lint
# make samples SAMPLES_ARGS="--only 'chaam_*'" rebuilds only the samples named (build.py --help).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA ?= .demo-data
# Debian packages the test suite needs; installed only where one is missing. OCR needs
# tesseract's Thai and English data, and reads Thai digits against the tlwg fonts.
TEST_DEBS := fonts-thai-tlwg libreoffice-calc-nogui tesseract-ocr tesseract-ocr-tha tesseract-ocr-eng
# Extra Debian packages needed only to regenerate sample_docs/.
SAMPLE_DEBS := fonts-thai-tlwg libreoffice-writer-nogui chromium qpdf poppler-utils

.PHONY: test demo bench lint samples sysdeps clean

# Set-up talks on stderr, so that `make bench > figures.json` holds only JSON.
$(STAMP): pyproject.toml
	@echo "setting up $(VENV)" >&2
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip >&2
	@$(BIN)/pip install --quiet -e '.[test]' >&2
	@touch $(STAMP)

sysdeps:
	@missing=""; for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >&2; \
	fi

test: $(STAMP) sysdeps
	$(BIN)/ruff check ingest index tui tests bench sample_docs
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check ingest index tui tests bench sample_docs

demo: $(STAMP) sysdeps
	$(BIN)/raingan --data $(DEMO_DATA) ingest sample_docs/ || true
	$(BIN)/raingan --data $(DEMO_DATA) tui

bench: $(STAMP) sysdeps
	@$(BIN)/python -m bench $(BENCH)

samples: $(STAMP)
	@missing=""; for p in $(SAMPLE_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	$(BIN)/pip install --quiet -e '.[test,samples]'
	$(BIN)/python sample_docs/build.py $(SAMPLES_ARGS)

clean:
	rm -rf $(VENV) $(DEMO_DATA) .pytest_cache .ruff_cache
