"""Times the reference's `ast.parse` over the same corpus as benches/parse.rs: every .py file
under PYRS_CORPUS_DIR (default: the reference's lib/python3.13, site-packages excluded), read
into memory first, parsed from bytes with type comments; best of 3 runs.

    $(pyenv prefix 3.13.0)/bin/python3.13 gen/time_reference_parse.py
"""
import ast
import os
import pathlib
import sys
import time

assert sys.version_info[:3] == (3, 13, 0), "run with the reference, python3.13.0"
root = pathlib.Path(os.environ.get("PYRS_CORPUS_DIR") or pathlib.Path(sys.prefix, "lib", "python3.13"))
files = sorted(p for p in root.rglob("*.py") if "site-packages" not in p.relative_to(root).parts)
sources = [p.read_bytes() for p in files]
total = sum(map(len, sources))
best = None
for _ in range(3):
    start = time.perf_counter()
    for source in sources:
        try:
            ast.parse(source, type_comments=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(f"{len(files)} files, {total} bytes: best {best:.3f} s, {total / best / 1e6:.1f} MB/s "
      f"({total / best / 2**20:.1f} MiB/s)")
