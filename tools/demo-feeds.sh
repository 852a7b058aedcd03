#!/usr/bin/env bash
# The feeds demo: the example outlets' feeds served on loopback, polled twice — a morning edition, then an evening
# one with new items and a page edited in place — so that stories form, grow, and an edit shows as a revision.
# Usage: tools/demo-feeds.sh [PARALLAX] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
parallax=${1:-.build/release/parallax}
out=${2:-out}
site=$out/site
store=$out/feeds.db
rm -rf "$site" "$store" "$store-wal" "$store-shm" "$store.writer"
mkdir -p "$site"
cp -r examples/corpus "$site/corpus"
cp -r examples/feeds/morning "$site/feeds"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port" >"$out/site.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/feeds/')" 2>/dev/null && break
    sleep 0.1
done
base=http://127.0.0.1:$port/feeds

echo "== morning: subscribe to five outlets' feeds and poll them"
"$parallax" feeds add "$base/harbour-courier.rss" "$base/quotidien-des-frontieres.atom" \
    "$base/nordstaedter-allgemeine.rss" "$base/meridian-daily-post.json" "$base/eastbank-gazette.rss" --store "$store"
"$parallax" poll --once --allow-private-addresses --store "$store"
"$parallax" stories --store "$store" --format text

echo
echo "== evening: new items in three feeds, and the Harbour Courier quietly changes a figure in its article"
sleep 1  # a new modification time for the conditional requests
cp examples/feeds/evening/* "$site/feeds/"
python3 - "$site/corpus/harbour-courier-velmora-dam.html" <<'PY'
import sys
path = sys.argv[1]
page = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(page.replace("“about 12,000 people” had been evacuated", "“about 15,000 people” had been evacuated"))
PY
"$parallax" poll --once --allow-private-addresses --store "$store"
"$parallax" stories --store "$store" --format text
"$parallax" feeds list --store "$store" --format text
"$parallax" revisions "http://127.0.0.1:$port/corpus/harbour-courier-velmora-dam.html" --store "$store"
