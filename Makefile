# Entry points for people and CI. `make demo` and `make test` work on a fresh
# Debian 12 machine as root: they install what is missing first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
PREFIX ?= /usr/local
SGDC := $(BUILD_DIR)/compiler/driver/sgdc

.PHONY: all deps configure build demo test install golden-update bench clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Compiles the flagship example into out/: `sgdc build` in the example's
# project folder (its sgd.toml), written atomically.
demo: build
	cd examples/abilene && $(abspath $(SGDC)) build -o $(CURDIR)/out
	@echo "demo: out/ holds $$(ls out | tr '\n' ' ')"

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Installs sgdc into $(PREFIX)/bin, its standard library into
# $(PREFIX)/share/sgdc/stdlib, where the installed sgdc finds it, and its man
# page and bash/zsh completions under $(PREFIX)/share:
# `make install PREFIX=$HOME/.local`. CMake's install rules do the work
# (DESTDIR is honoured for packaging).
install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# Rewrites every golden expectation from the current compiler; review the diff.
golden-update: build
	cd tests/golden && /usr/bin/python3 run_golden.py --sgdc $(abspath $(SGDC)) --update

bench: build
	cmake --build $(BUILD_DIR) --target sgd_parse_bench

clean:
	rm -rf $(BUILD_DIR) out
