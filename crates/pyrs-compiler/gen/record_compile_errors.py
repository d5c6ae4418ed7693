"""Records what `compile(source, path, "exec")` raises for every file of a corpus, for
examples/context_corpus.rs.

    $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_compile_errors.py OUT_FILE [CORPUS_DIR]

One line per file: `PATH<TAB>ok`, or `PATH<TAB>CLASS<TAB>MSG<TAB>LINENO<TAB>OFFSET<TAB>END_LINENO<TAB>END_OFFSET`
(PATH relative to the corpus).
"""

import os
import sys
import sysconfig
import warnings


def main():
    if sys.version_info[:3] != (3, 13, 0):
        sys.exit("run this with the reference interpreter, CPython 3.13.0")
    root = sys.argv[2] if len(sys.argv) > 2 else sysconfig.get_paths()["stdlib"]
    warnings.simplefilter("ignore")
    out = []
    for folder, _, names in sorted(os.walk(root)):
        if "site-packages" in folder.split(os.sep):
            continue
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                source = f.read()
            rel = os.path.relpath(path, root)
            try:
                compile(source, path, "exec", dont_inherit=True)
                out.append(f"{rel}\tok\n")
            except (SyntaxError, ValueError) as e:
                if isinstance(e, SyntaxError):
                    fields = [type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset]
                else:
                    fields = [type(e).__name__, str(e), 0, 0, 0, 0]
                out.append(rel + "\t" + "\t".join(str(x) for x in fields) + "\n")
    with open(sys.argv[1], "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
