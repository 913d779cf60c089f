# samtal: two commands do everything on a fresh Debian machine: `make demo` and `make test`.
SWIFT        ?= swift
JOBS         ?= 2
BUILD_FLAGS  ?= -j $(JOBS)
RELEASE_BIN   = .build/release/samtal
SHARED       ?= $(abspath ../shared)
DEMO_OUT     ?= out/demo

.PHONY: all deps build release demo test eval bench train sample clean fuzz

all: release

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build -c release $(BUILD_FLAGS) --product samtal

# Runs the whole pipeline on the sample event in samples/ and prints where the report is.
demo: release
	@bash scripts/demo.sh $(RELEASE_BIN) samples/event $(DEMO_OUT)

# Unit, golden and end-to-end tests (debug build). Stays under ~10 minutes on 2 cores.
test: deps
	$(SWIFT) build $(BUILD_FLAGS) --build-tests
	SAMTAL_SHARED_DATA=$(SHARED)/data $(SWIFT) test $(BUILD_FLAGS) --skip-build

# Accuracy evaluations against ../shared/data, side by side with the peer tools. On demand only.
eval: release
	@bash scripts/eval.sh $(RELEASE_BIN) $(SHARED)

# Speed benchmarks (release), side by side with the peer tools.
bench: release
	@bash scripts/bench.sh $(RELEASE_BIN) $(SHARED)

# libFuzzer over every transcript reader (not part of `make test`); FUZZ_SECONDS=120 by default.
fuzz: deps
	bash Fuzz/fuzz.sh $(or $(FUZZ_SECONDS),120)

# Retrains the tagging models in Models/ from ../shared/data (reproducible).
train: release
	$(RELEASE_BIN) train --shared $(SHARED)/data --models Models

# Regenerates the sample event (deterministic).
sample: deps
	bash samples/make-sample.sh

clean:
	rm -rf .build out
