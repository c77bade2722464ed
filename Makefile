# Entry points for people and CI. `make demo` and `make test` work on a fresh
# Debian 12 machine as root: they install what is missing first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
PREFIX ?= /usr/local
SGDC := $(BUILD_DIR)/compiler/driver/sgdc

ASAN_DIR ?= build-asan
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=

.PHONY: all deps configure build demo test install configure-asan test-asan fuzz golden-update bench clean

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

# One sanitizer build serves `make test-asan` and `make fuzz`: clang 14 (for
# libFuzzer), -fsanitize=address,undefined on every target built here,
# assertions on (Debug, -O1), coverage for libFuzzer. One build, not two, keeps
# CI within its time limit (docs/reliability.md). Any report is fatal;
# LeakSanitizer is on too.
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_init_order=1 \
                 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
configure-asan: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
	  -DSGD_SANITIZE=address,undefined -DSGD_FUZZ=ON

# The whole ctest suite on the sanitizer build.
test-asan: configure-asan
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS)

# Coverage-guided fuzzing: every target of tests/fuzz for FUZZ_SECONDS
# seconds, or for FUZZ_RUNS inputs from a fixed seed (repeatable, for CI). A finding fails the run; tests/fuzz/run_fuzzers.py says what to do
# with it. docs/reliability.md.
fuzz: configure-asan
	cmake --build $(ASAN_DIR) -j $(JOBS) --target sgd_fuzz_targets
	$(SANITIZER_ENV) /usr/bin/python3 tests/fuzz/run_fuzzers.py --build $(ASAN_DIR) \
	  $(if $(FUZZ_RUNS),--runs $(FUZZ_RUNS),--seconds $(FUZZ_SECONDS))

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
