# Tor Messenger: the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
CARGO ?= cargo
PROFILE_DIR ?= $(CURDIR)/Data
RELEASE := target/release
RBM := $(RELEASE)/rbm
OUT ?= out

.PHONY: all deps deps-build deps-bundle build run test check fmt lint unit bench \
	rbm bundle release sign reproduce screenshots verify clean demo

all: build

## deps: install the Debian packages the project needs (only those missing)
deps:
	@scripts/deps all

deps-build:
	@scripts/deps run

deps-bundle:
	@scripts/deps bundle

## build: release binaries of the launcher and the messenger
build: deps-build
	$(CARGO) build --locked --release -p tor-messenger-launcher -p tor-messenger

## run: build, then start the launcher (tor on 9152/9153, the messenger while tor connects;
## a development run: the system's obfs4proxy and snowflake-client, if installed)
run: build
	$(RELEASE)/tor-messenger-launcher --data-dir "$(PROFILE_DIR)" --start-app-at connecting --app "$(RELEASE)/tor-messenger"

## test: install what tests need, then run every check
test: deps check

check: fmt lint unit

fmt:
	$(CARGO) fmt --all --check

lint:
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --locked --workspace --no-fail-fast

## verify: check a downloaded bundle or sums file: make verify FILE=path [SUMS=1]
verify: build
	@test -n "$(FILE)" || { echo "usage: make verify FILE=tor-messenger-VERSION-linux-x86_64.tar.xz (its .minisig beside it)" >&2; exit 2; }
	$(RELEASE)/tor-messenger-launcher verify $(if $(SUMS),--sums) "$(FILE)"

## bench: print the performance numbers (never asserted)
bench: deps
	$(CARGO) bench --locked --workspace

## rbm: the recipe runner (tools/rbm), used by bundle, release, sign and reproduce
rbm:
	$(CARGO) build --locked --release -p rbm

## bundle: the Linux bundle from the deterministic recipes (out/bundle), then its checks
bundle: deps-bundle rbm
	$(RBM) build bundle --dest $(OUT)/bundle
	scripts/check-bundle $(OUT)/bundle/tor-messenger-*-linux-x86_64.tar.xz

## release: the bundle, the update manifest (manifest.json) and sha256sums-unsigned-build.txt
## (out/release; docs/update-manifest.md)
release: deps-bundle rbm
	$(RBM) build release --dest $(OUT)/release

## sign: minisign (prehashed) signatures of every file of out/release, manifest included, with
## KEY=path (kept outside the repo); then out/release is the folder to publish (docs/release-keys.md)
sign: rbm
	@test -n "$(KEY)" || { echo "usage: make sign KEY=/path/to/minisign.key (never inside the repository)" >&2; exit 2; }
	$(RBM) sign $(OUT)/release --key "$(KEY)"

## reproduce: build the release twice under varied conditions (and from a fresh clone), compare
reproduce: deps-bundle rbm
	RBM=$(RBM) scripts/reproduce release

## demo: the whole product offline: a private Tor network, ngircd, prosody and an OTR bot on
## loopback, then the launcher and the messenger on them (tools/demo; Ctrl-C or closing the
## window stops everything)
demo: DEMO_BIN = $(or $(CARGO_TARGET_DIR),target)/release
demo: deps build
	$(CARGO) build --locked --release -p tor-messenger-demo
	$(DEMO_BIN)/tor-messenger-demo --launcher $(DEMO_BIN)/tor-messenger-launcher --messenger $(DEMO_BIN)/tor-messenger $(DEMO_ARGS)

## screenshots: regenerate docs/screenshots under Xvfb
screenshots: deps
	scripts/screenshots

clean:
	$(CARGO) clean
