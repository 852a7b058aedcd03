#!/bin/sh
# Full-page screenshot of a dossier (or any local HTML file, or a page of `parallax serve`) with headless
# Chromium, to look at the design.
#   tools/screenshot-report.sh out/dossier.html out/dossier.png [width] [height]
#   tools/screenshot-report.sh http://127.0.0.1:8080/ out/stories.png 1400 1200
# Chromium cannot measure the page height itself in a plain screenshot, so the window is made tall enough
# (default 1400 × 6000); a larger height only adds blank space at the bottom.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 page.html shot.png [width] [height]" >&2
    exit 2
fi
page=$1
shot=$2
width=${3:-1400}
height=${4:-6000}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "no chromium on PATH (Debian: apt-get install chromium)" >&2
    exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
case $page in
    http://*|https://*) target=$page ;;
    *) target=file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page") ;;
esac
out=$(cd "$(dirname "$shot")" && pwd)/$(basename "$shot")
# dark: pass DARK=1 to render with prefers-color-scheme: dark.
scheme=""
[ "${DARK:-0}" = 1 ] && scheme="--force-dark-mode --blink-settings=preferredColorScheme=0"
# shellcheck disable=SC2086
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" $scheme \
    --window-size="$width,$height" --screenshot="$out" "$target" 2>/dev/null
echo "$out"
