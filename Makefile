# Two commands on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE := fixtures/sample/talk.pptx

.PHONY: setup demo test bench fixtures clean-out bundle bundle-test dist

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	bash scripts/install-system-deps.sh $(if $(CI),--ci,)
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

$(SAMPLE): fixtures/sample_deck.py | setup
	$(PY) fixtures/sample_deck.py $(SAMPLE)

demo: setup $(SAMPLE)
	@# renderers for vector pictures (EMF/WMF/SVG/PDF); without them those stay 'not inspected'
	bash scripts/install-system-deps.sh --render || true
	mkdir -p out
	@# exit 1 only means 'findings to review' (the sample deck has some on purpose)
	$(VENV)/bin/slidesan clean $(SAMPLE) -o out/talk.clean.pptx || [ $$? -eq 1 ]
	@echo
	@echo "cleaned deck: out/talk.clean.pptx"
	@echo "report:       out/talk.clean.report.html (and .json)"

test: setup
	@# one worker per core, at most 4 (each loads the OCR models); 2 cores: about 3 minutes instead of 5
	$(PY) -m pytest -n auto --maxprocesses 4

bench: setup
	$(PY) benchmarks/bench_clean.py
	$(PY) benchmarks/bench_rebuild.py
	$(PY) benchmarks/bench_ocr.py
	$(PY) benchmarks/bench_dicom.py
	$(PY) benchmarks/bench_pdf.py
	$(PY) benchmarks/hiding_places.py

clean-out:
	rm -rf out

# The desktop app as one folder (build/app/slidesan/), from packaging/slidesan.spec; 2-3 minutes.
# Windows: packaging/build-windows.ps1; macOS: packaging/build-macos.sh (docs/packaging.md).
bundle: setup
	$(PY) -m pip install -q 'pyinstaller>=6.10'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/app --workpath build/pyinstaller \
		packaging/slidesan.spec

# The frozen app driven headless (tests/test_bundle.py); needs `make bundle` first.
bundle-test: bundle
	$(PY) -m pytest -m bundle tests/test_bundle.py

# sdist and wheel in dist/, checked as the package index will check them.
dist: setup
	$(PY) -m pip install -q build twine
	rm -rf dist
	$(PY) -m build --outdir dist . >/dev/null
	$(VENV)/bin/twine check --strict dist/*
