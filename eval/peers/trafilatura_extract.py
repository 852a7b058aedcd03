#!/usr/bin/env python3
"""Runs trafilatura on the extraction eval pages, for `parallax eval extraction` and `parallax bench extraction`.

Usage: trafilatura_extract.py DATA_DIR OUT_JSONL [--repeat N]
Reads DATA_DIR/evaldata.json and DATA_DIR/html/<file>.gz; writes one JSON line per page:
{"file": ..., "text": ..., "seconds": ...} where seconds is the extraction time alone (no file I/O).
Decompression happens before timing, as it does for Parallax's own benchmark.
"""
import gzip
import json
import sys
import time

import trafilatura


def main() -> int:
    data_dir, out_path = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    with open(f"{data_dir}/evaldata.json", encoding="utf-8") as f:
        entries = json.load(f)
    pages = []
    for entry in entries.values():
        try:
            with gzip.open(f"{data_dir}/html/{entry['file']}.gz", "rb") as f:
                pages.append((entry["file"], f.read()))
        except OSError:
            pages.append((entry["file"], None))
    with open(out_path, "w", encoding="utf-8") as out:
        for name, html in pages:
            text, best = "", None
            for _ in range(repeat):
                start = time.perf_counter()
                try:
                    # Default settings, as in trafilatura's own evaluation ("standard").
                    result = trafilatura.extract(html, include_comments=False) if html else None
                except Exception:  # a crash counts as no output, as upstream scores it
                    result = None
                elapsed = time.perf_counter() - start
                best = elapsed if best is None else min(best, elapsed)
                text = result or ""
            out.write(json.dumps({"file": name, "text": text, "seconds": best}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
