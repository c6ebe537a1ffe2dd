# The project's commands. `make test` works on a fresh Debian 12 machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build/release
ASAN_BUILD := build/asan
FUZZ_BUILD := build/fuzz
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: setup build test test-cpp test-py test-sanitize demo fuzz clean

setup:
	@scripts/setup

# Builds the C++ core, its tests and tools, and the Python extension in one
# build tree, then installs the `libp2p` package into .venv from that tree.
build: setup
	CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) $(PY) -m pip install -q --no-build-isolation \
	  -Cbuild-dir=$(BUILD) \
	  -Ccmake.define.LIBP2P_BUILD_TESTS=ON \
	  -Ccmake.define.LIBP2P_BUILD_TOOLS=ON $(CMAKE_FLAGS) .

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)
	LIBP2P_BUILD_DIR=$(BUILD) $(PY) -m pytest -q
	$(PY) -m mypy
	$(MAKE) test-sanitize

# The C++ unit tests again, built with AddressSanitizer and UBSan.
test-sanitize: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLIBP2P_SANITIZE=ON -DLIBP2P_BUILD_TOOLS=OFF
	cmake --build $(ASAN_BUILD) -j$(JOBS) --target unit_tests
	ctest --test-dir $(ASAN_BUILD) -L unit --output-on-failure -j$(JOBS)

demo: build
	$(BUILD)/cpp/tools/libp2p-node demo

# libFuzzer targets (clang); FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: setup
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DLIBP2P_FUZZ=ON -DLIBP2P_BUILD_TESTS=OFF -DLIBP2P_BUILD_TOOLS=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS)
	scripts/run-fuzzers $(FUZZ_BUILD)/tests/cpp/fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build

# The interop matrix against other libp2p implementations (tests/interop/README.md).
# ARGS filters cells and passes flags, e.g. make interop ARGS="go tls --delay 10".
.PHONY: interop interop-ci bench
interop:
	scripts/setup interop
	tests/interop/run $(ARGS)

# What CI runs of the matrix: our peers (from the `build` tree) against
# go-libp2p, js-libp2p and py-libp2p. rust-libp2p's first build alone takes
# ~15 min on two cores, so CI leaves it to `make interop`.
interop-ci: build
	scripts/setup interop
	LIBP2P_INTEROP_BUILD=$(BUILD) tests/interop/run --peers cpp,python,go,js,py-libp2p

# The side-by-side benchmark (issue 6, bench/CONTRACT.md): our bench peer,
# go-libp2p's, rust-libp2p's and js-libp2p's, built first (the rust build
# takes ~15 min the first time), then bench/run. ARGS passes flags, e.g.
# ARGS="--quick".
bench: build
	scripts/setup bench
	tests/interop/peers/go/build
	tests/interop/peers/rust/build
	tests/interop/peers/js/build
	LIBP2P_BENCH_BUILD=$(BUILD) $(PY) bench/run $(ARGS)
