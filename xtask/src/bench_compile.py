"""Throughput of the reference's compile() over the corpus, measured in process.

Run by `cargo xtask bench compile` with the corpus paths on stdin, one per line. All files are
read into memory first; then each pass compiles every file with
`compile(data, path, "exec", dont_inherit=True)` (decoding, parsing, the AST optimizer, the
symbol table and code generation, to code objects). Files that raise are counted and left out
of the timed passes. The best of three passes is reported, and the last line is for the
caller: `RESULT files=N skipped=K bytes=B seconds=S`.
"""

import sys
import time

PASSES = 3


def compile_all(sources):
    for path, data in sources:
        compile(data, path, "exec", dont_inherit=True)


def main():
    paths = [line for line in sys.stdin.read().splitlines() if line]
    sources = []
    for path in paths:
        with open(path, "rb") as f:
            sources.append((path, f.read()))

    # An untimed pass finds the files compile() rejects, and warms up.
    accepted, skipped = [], 0
    for item in sources:
        try:
            compile_all([item])
        except Exception:
            skipped += 1
        else:
            accepted.append(item)

    total = sum(len(data) for _, data in accepted)
    best = float("inf")
    for _ in range(PASSES):
        start = time.perf_counter()
        compile_all(accepted)
        best = min(best, time.perf_counter() - start)

    print(
        f"CPython {sys.version.split()[0]} compile(): {len(accepted)} files "
        f"({skipped} rejected and skipped), {total} bytes, best of {PASSES}: "
        f"{best:.3f} s, {total / best / 1e6:.2f} MB/s"
    )
    print(f"RESULT files={len(accepted)} skipped={skipped} bytes={total} seconds={best!r}")


if __name__ == "__main__":
    main()
