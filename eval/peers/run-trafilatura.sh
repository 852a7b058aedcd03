#!/usr/bin/env bash
# Installs trafilatura 2.3.1 into a throw-away venv (kept under .build/ between runs, never committed) and runs
# trafilatura_extract.py with the given arguments. Exit 3 when Python or pip is unavailable: callers skip then.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${PARALLAX_PEER_VENV:-$here/../../.build/peers/trafilatura-2.3.1}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import trafilatura" 2>/dev/null; then
    command -v python3 >/dev/null || exit 3
    python3 -m venv "$venv" >/dev/null 2>&1 || exit 3
    "$venv/bin/pip" install --quiet --disable-pip-version-check "trafilatura==2.3.1" lxml_html_clean >/dev/null 2>&1 || exit 3
fi
exec "$venv/bin/python" "$here/trafilatura_extract.py" "$@"
