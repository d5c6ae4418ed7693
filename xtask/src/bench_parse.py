"""Time of the reference's ast.parse over the corpus, measured in process.

Run by `cargo xtask bench parse` after bench_common.py. Each pass parses every file with
`ast.parse(data, path, type_comments=True)` (decoding, tokenizing and parsing to a tree, which
is dropped). Unlike the other stages, a file the parser rejects stays in the timed passes, as
it does in pyrs-parser's bench: the two sides time the same files, errors included, and the
caller compares seconds. Both sides count processor time (`time.process_time`), so that time
spent waiting for a processor on a busy machine counts on neither.
"""

import ast
import time

# What ast.parse raises for the corpus's deliberately broken and deeply nested files.
REJECTED = (SyntaxError, ValueError, RecursionError, MemoryError)


def parse_each(sources):
    for path, data in sources:
        ast.parse(data, path, type_comments=True)


def parse_all(sources):
    """parse_each, going on past a file the parser rejects."""
    for path, data in sources:
        try:
            ast.parse(data, path, type_comments=True)
        except REJECTED:
            pass


def main():
    sources = read_corpus()
    _, rejected = accepted_by(parse_each, sources)
    best = best_of(parse_all, sources, clock=time.process_time)
    report("ast.parse", sources, rejected, best, "rejected, timed too")


if __name__ == "__main__":
    main()
