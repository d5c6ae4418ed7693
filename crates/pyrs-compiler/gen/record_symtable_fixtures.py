"""Records the expected outputs of pyrs-compiler's fixture tests from the reference
interpreter. Run it with CPython 3.13.0 from the repository root:

    $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_symtable_fixtures.py

It writes, beside each tests/symtable/dumps/NAME.py:
- NAME.symtable: `python3.13 -m symtable NAME.py`, with the symbol lines of each scope
  sorted (CPython prints some of them in string-hash order, which changes from run to run);
- NAME.api: what Lib/symtable.py's methods answer for each scope and symbol, in the format
  that tests/symtable_fixtures.rs writes from pyrs's API;
and tests/symtable/errors.expected: for each case of tests/symtable/errors.py, the error (or
none) of `symtable.symtable(src, "<string>", "exec")` and of `compile(src, "<string>", "exec")`.
"""

import os
import subprocess
import sys
import symtable

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
FIXTURES = os.path.join(ROOT, "tests", "symtable")
DUMPS = os.path.join(FIXTURES, "dumps")


def normalise(dump):
    """Sorts the symbol lines of each scope (pyrs_compiler::symtable::normalise_dump)."""
    out, run = [], []
    for line in dump.splitlines(keepends=True):
        content = line.lstrip(" ")
        if not content.strip() or content.startswith("symbol table for "):
            out.extend(sorted(run))
            run = []
            out.append(line)
        else:
            run.append(line)
    out.extend(sorted(run))
    return "".join(out)


def flag(value):
    return "1" if value else "0"


def names(seq):
    # Sorted: CPython's order of free names changes from run to run.
    return "(" + ", ".join(sorted(seq)) + ")"


def api(table, level, out):
    indent = "  " * level
    out.append(
        f"{indent}{table.get_type()} {table.get_name()} line={table.get_lineno()}"
        f" optimized={flag(table.is_optimized())} nested={flag(table.is_nested())}"
        f" children={flag(table.has_children())}\n"
    )
    if isinstance(table, symtable.Function):
        out.append(
            f"{indent}  params={names(table.get_parameters())} locals={names(table.get_locals())}"
            f" globals={names(table.get_globals())} nonlocals={names(table.get_nonlocals())}"
            f" frees={names(table.get_frees())}\n"
        )
    if isinstance(table, symtable.Class):
        out.append(f"{indent}  methods={names(table.get_methods())}\n")
    for name in sorted(table.get_identifiers()):
        s = table.lookup(name)
        out.append(
            f"{indent}  {name}: ref={flag(s.is_referenced())} param={flag(s.is_parameter())}"
            f" global={flag(s.is_global())} nonlocal={flag(s.is_nonlocal())}"
            f" declared_global={flag(s.is_declared_global())} local={flag(s.is_local())}"
            f" annotated={flag(s.is_annotated())} free={flag(s.is_free())}"
            f" imported={flag(s.is_imported())} assigned={flag(s.is_assigned())}"
            f" namespaces={len(s.get_namespaces())}\n"
        )
    for child in table.get_children():
        api(child, level + 1, out)


def record_dumps():
    for name in sorted(os.listdir(DUMPS)):
        if not name.endswith(".py"):
            continue
        stem = os.path.join(DUMPS, name[:-3])
        run = subprocess.run(
            [sys.executable, "-m", "symtable", name], cwd=DUMPS, capture_output=True, text=True
        )
        if run.returncode:
            sys.exit(f"{name} is rejected:\n{run.stderr}")
        with open(stem + ".symtable", "w") as f:
            f.write(normalise(run.stdout))
        with open(os.path.join(DUMPS, name), "rb") as f:
            source = f.read()
        out = []
        api(symtable.symtable(source, name, "exec"), 0, out)
        with open(stem + ".api", "w") as f:
            f.write("".join(out))


def cases():
    """The cases of errors.py: (name, source) pairs."""
    with open(os.path.join(FIXTURES, "errors.py")) as f:
        lines = f.read().splitlines(keepends=True)
    found, name, body = [], None, []
    for line in lines:
        if line.startswith("# case: "):
            if name:
                found.append((name, "".join(body)))
            name, body = line[len("# case: "):].strip(), []
        elif name:
            body.append(line)
    if name:
        found.append((name, "".join(body)))
    return found


def outcome(run, source):
    try:
        run(source)
    except SyntaxError as e:
        fields = [type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset]
        return "\t".join(str(x) for x in fields)
    return "ok"


def record_errors():
    out = ["# name\tstage\tresult: ok, or type, msg, lineno, offset, end_lineno, end_offset\n"]
    for name, source in cases():
        sym = outcome(lambda s: symtable.symtable(s, "<string>", "exec"), source)
        comp = outcome(lambda s: compile(s, "<string>", "exec"), source)
        out.append(f"{name}\tsymtable\t{sym}\n")
        out.append(f"{name}\tcompile\t{comp}\n")
    with open(os.path.join(FIXTURES, "errors.expected"), "w") as f:
        f.write("".join(out))


def main():
    if sys.version_info[:3] != (3, 13, 0):
        sys.exit("run this with the reference interpreter, CPython 3.13.0")
    record_dumps()
    record_errors()


if __name__ == "__main__":
    main()
