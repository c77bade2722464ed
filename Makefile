# Entry points for people and CI. `make demo` and `make test` work on a fresh
# Debian 12 machine as root: they install what is missing first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
SGDC := $(BUILD_DIR)/compiler/driver/sgdc

.PHONY: all deps configure build demo test golden-update bench clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Compiles the flagship example into out/. Until the backends exist this is
# the checked design's syntax tree and its diagnostics as SARIF.
demo: build
	rm -rf out.tmp && mkdir -p out.tmp
	$(SGDC) check examples/abilene/*.sgd
	$(SGDC) check --format sarif examples/abilene/*.sgd > out.tmp/diagnostics.sarif
	for f in examples/abilene/*.sgd; do \
	  $(SGDC) dump ast $$f > out.tmp/$$(basename $$f .sgd).ast.txt || exit 1; \
	done
	rm -rf out && mv out.tmp out
	@echo "demo: wrote $$(ls out | wc -l) files to out/"

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Rewrites every golden expectation from the current compiler; review the diff.
golden-update: build
	cd tests/golden && /usr/bin/python3 run_golden.py --sgdc $(abspath $(SGDC)) --update

bench: build
	cmake --build $(BUILD_DIR) --target sgd_parse_bench

clean:
	rm -rf $(BUILD_DIR) out out.tmp
