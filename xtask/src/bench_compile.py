"""Time of the reference's compile() over the corpus, measured in process.

Run by `cargo xtask bench compile` after bench_common.py. Each pass compiles every file with
`compile(data, path, "exec", dont_inherit=True)` (decoding, parsing, the AST optimizer, the
symbol table and code generation, to code objects). As in the parser bench, a file the
compiler rejects stays in the timed passes, as it does in pyrs-compiler's bench: the two sides
time the same files, errors included, and the caller compares seconds. Both sides count
processor time (`time.process_time`), so that time spent waiting for a processor on a busy
machine counts on neither, and both report their fastest pass. This side times as many
passes (COMPILE_PASSES) as the compiler crate's criterion bench takes samples, so that neither side's
fastest figure comes from more tries than the other's.
"""

import time

# What compile() raises for the corpus's deliberately broken and deeply nested files.
REJECTED = (SyntaxError, ValueError, RecursionError, MemoryError)

# crates/pyrs-compiler/benches/compile.rs: `group.sample_size(10)`.
COMPILE_PASSES = 10


def compile_each(sources):
    for path, data in sources:
        compile(data, path, "exec", dont_inherit=True)


def compile_all(sources):
    """compile_each, going on past a file the compiler rejects."""
    for path, data in sources:
        try:
            compile(data, path, "exec", dont_inherit=True)
        except REJECTED:
            pass


def main():
    sources = read_corpus()
    _, rejected = accepted_by(compile_each, sources)
    best = best_of(compile_all, sources, clock=time.process_time, passes=COMPILE_PASSES)
    report("compile()", sources, rejected, best, "rejected, timed too", passes=COMPILE_PASSES)


if __name__ == "__main__":
    main()
