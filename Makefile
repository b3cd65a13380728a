# Tor Messenger: the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
CARGO ?= cargo
PROFILE_DIR ?= $(CURDIR)/Data
RELEASE := target/release

.PHONY: all deps deps-build build run test check fmt lint unit bench clean

all: build

## deps: install the Debian packages the project needs (only those missing)
deps:
	@scripts/deps all

deps-build:
	@scripts/deps run

## build: release binaries of the launcher and the messenger
build: deps-build
	$(CARGO) build --locked --release -p tor-messenger-launcher -p tor-messenger

## run: build, then start the launcher (tor on 9152/9153, then the messenger)
run: build
	$(RELEASE)/tor-messenger-launcher --data-dir "$(PROFILE_DIR)" --app "$(RELEASE)/tor-messenger"

## test: install what tests need, then run every check
test: deps check

check: fmt lint unit

fmt:
	$(CARGO) fmt --all --check

lint:
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --locked --workspace --no-fail-fast

## bench: print the performance numbers (never asserted)
bench: deps
	$(CARGO) bench --locked --workspace

clean:
	$(CARGO) clean
