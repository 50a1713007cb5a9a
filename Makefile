# Two commands: `make run` and `make test`. Both build .venv from the hashed lock files.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: run test lock eval seedcheck clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.lock pyproject.toml
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install --require-hashes --no-deps -r requirements-dev.lock
	touch $@

run: $(VENV)/.installed
	$(BIN)/onrecord analyze examples/ramstein-week.txt --published 2022-05-02
	$(BIN)/onrecord ingest examples/ramstein-week.txt --published 2022-05-02 --db onrecord.db -q
	@echo "serve it with: $(BIN)/onrecord serve --db onrecord.db   (then open http://127.0.0.1:8000/)"

test: $(VENV)/.installed-dev
	scripts/test_services.sh $(BIN)/python -m pytest -q -p no:cacheprovider

seedcheck: $(VENV)/.installed
	../shared/tools/seedcheck

lock:
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
