"""Throughput of the reference's tokenize module over the corpus, measured in process.

Run by `cargo xtask bench tokens` after bench_common.py. Each pass tokenizes every file with
`tokenize.tokenize(io.BytesIO(data).readline)`. Files that raise are counted and left out of
the timed passes.
"""

import io
import tokenize


def tokenize_all(sources):
    for _path, data in sources:
        for _tok in tokenize.tokenize(io.BytesIO(data).readline):
            pass


def main():
    accepted, skipped = accepted_by(tokenize_all, read_corpus())
    report("tokenize", accepted, skipped, best_of(tokenize_all, accepted))


if __name__ == "__main__":
    main()
