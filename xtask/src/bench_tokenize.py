"""Throughput of the reference's tokenize module over the corpus, measured in process.

Run by `cargo xtask bench tokens` with the corpus paths on stdin, one per line. All files are
read into memory first; then each pass tokenizes every file with
`tokenize.tokenize(io.BytesIO(data).readline)`. Files that raise are counted and left out of
the timed passes. The best of three passes is reported, and the last line is for the caller:
`RESULT files=N skipped=K bytes=B seconds=S`.
"""

import io
import sys
import time
import tokenize

PASSES = 3


def tokenize_all(sources):
    for data in sources:
        for _tok in tokenize.tokenize(io.BytesIO(data).readline):
            pass


def main():
    paths = [line for line in sys.stdin.read().splitlines() if line]
    sources = []
    for path in paths:
        with open(path, "rb") as f:
            sources.append(f.read())

    # An untimed pass finds the files tokenize rejects, and warms up.
    accepted, skipped = [], 0
    for data in sources:
        try:
            tokenize_all([data])
        except Exception:
            skipped += 1
        else:
            accepted.append(data)

    total = sum(len(data) for data in accepted)
    best = float("inf")
    for _ in range(PASSES):
        start = time.perf_counter()
        tokenize_all(accepted)
        best = min(best, time.perf_counter() - start)

    print(
        f"CPython {sys.version.split()[0]} tokenize: {len(accepted)} files "
        f"({skipped} rejected and skipped), {total} bytes, best of {PASSES}: "
        f"{best:.3f} s, {total / best / 1e6:.2f} MB/s"
    )
    print(f"RESULT files={len(accepted)} skipped={skipped} bytes={total} seconds={best!r}")


if __name__ == "__main__":
    main()
