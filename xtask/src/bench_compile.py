"""Throughput of the reference's compile() over the corpus, measured in process.

Run by `cargo xtask bench compile` after bench_common.py. Each pass compiles every file with
`compile(data, path, "exec", dont_inherit=True)` (decoding, parsing, the AST optimizer, the
symbol table and code generation, to code objects). Files that raise are counted and left out
of the timed passes.
"""


def compile_all(sources):
    for path, data in sources:
        compile(data, path, "exec", dont_inherit=True)


def main():
    accepted, skipped = accepted_by(compile_all, read_corpus())
    report("compile()", accepted, skipped, best_of(compile_all, accepted))


if __name__ == "__main__":
    main()
