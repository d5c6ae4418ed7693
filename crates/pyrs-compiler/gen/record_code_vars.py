"""Records, for every file of a corpus, the cell and free variables of the code objects the
reference compiles, for examples/symtable_code_vars.rs.

    $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_code_vars.py OUT_FILE [CORPUS_DIR]

One line per code object of a function, lambda, generator expression or class body:
`FILE<TAB>NAME<TAB>co_cellvars<TAB>co_freevars<TAB>parameters`, the tuples joined with
commas (parameters: the first co_argcount + co_kwonlyargcount (+1 for *args, +1 for
**kwargs) of co_varnames).
"""

import os
import sys
import sysconfig
import types
import inspect


def corpus(root):
    for folder, _, names in os.walk(root):
        if "site-packages" in folder.split(os.sep):
            continue
        for name in names:
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def walk(code, rel, out):
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            name = const.co_name
            if not name.startswith("<generic parameters of") and name not in ("<listcomp>", "<setcomp>", "<dictcomp>"):
                flags = const.co_flags
                count = const.co_argcount + const.co_kwonlyargcount
                count += bool(flags & inspect.CO_VARARGS) + bool(flags & inspect.CO_VARKEYWORDS)
                params = ",".join(const.co_varnames[:count])
                out.append(f"{rel}\t{name}\t{','.join(const.co_cellvars)}\t{','.join(const.co_freevars)}\t{params}\n")
            walk(const, rel, out)


def main():
    if sys.version_info[:3] != (3, 13, 0):
        sys.exit("run this with the reference interpreter, CPython 3.13.0")
    root = sys.argv[2] if len(sys.argv) > 2 else sysconfig.get_paths()["stdlib"]
    out = []
    for path in sorted(corpus(root)):
        rel = os.path.relpath(path, root)
        with open(path, "rb") as f:
            source = f.read()
        try:
            code = compile(source, path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            continue
        walk(code, rel, out)
    with open(sys.argv[1], "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
