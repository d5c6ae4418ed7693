"""Records the attributes `dis` does not print of every code object of a corpus.

Run with the reference interpreter:

    $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_code_attrs.py OUT_FILE [CORPUS_DIR]

For each file the reference compiles (as `compile(source, path, 'exec')`), one line per code
object, the module first and then its constants depth first (the order `dis` shows them):
`path <TAB> co_name <TAB> co_qualname <TAB> co_firstlineno <TAB> co_argcount <TAB>
co_posonlyargcount <TAB> co_kwonlyargcount <TAB> co_nlocals <TAB> co_stacksize <TAB>
co_flags <TAB> co_varnames <TAB> co_cellvars <TAB> co_freevars <TAB> positions`, where
positions lists each instruction's (line, end line, column, end column). examples/code_attrs_corpus.rs
compares pyrs's code objects with these lines.
"""

import os
import sys
import sysconfig


def walk(code, path, out):
    positions = ";".join(
        ",".join("-" if v is None else str(v) for v in p) for p in code.co_positions()
    )
    fields = [
        path, code.co_name, code.co_qualname, code.co_firstlineno, code.co_argcount,
        code.co_posonlyargcount, code.co_kwonlyargcount, code.co_nlocals, code.co_stacksize,
        code.co_flags, ",".join(code.co_varnames), ",".join(code.co_cellvars),
        ",".join(code.co_freevars), positions,
    ]
    out.write("\t".join(str(f) for f in fields) + "\n")
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            walk(c, path, out)


def main():
    out_path = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else sysconfig.get_paths()["stdlib"]
    files = []
    for d, dirs, fs in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        files.extend(os.path.join(d, f) for f in sorted(fs) if f.endswith(".py"))
    with open(out_path, "w", encoding="utf-8", errors="surrogateescape") as out:
        for path in files:
            with open(path, "rb") as f:
                source = f.read()
            try:
                code = compile(source, path, "exec", dont_inherit=True)
            except Exception:
                continue
            walk(code, path, out)


if __name__ == "__main__":
    main()
