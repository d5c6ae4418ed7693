"""Records what `python3.13 -m ast -a FILE` prints for every .py file of the reference's
standard library, for examples/ast_conformance.rs to compare pyrs with.

    $(pyenv prefix 3.13.0)/bin/python3.13 gen/record_ast_dumps.py OUT_DIR [CORPUS_DIR]

One Python process does what `-m ast -a` does for each file (parse the bytes with type
comments, dump with attributes and an indent of 3) and writes, under OUT_DIR, the file's
relative path with "/" replaced by "__" and ".dump" (the printed tree) or ".err" (the last line
of the traceback, "SyntaxError: ..." or similar) appended.
"""
import ast
import pathlib
import sys
import traceback

assert sys.version_info[:3] == (3, 13, 0), "run with the reference, python3.13.0"
out = pathlib.Path(sys.argv[1])
root = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(sys.prefix, "lib", "python3.13")
out.mkdir(parents=True, exist_ok=True)
count = 0
for path in sorted(root.rglob("*.py")):
    rel = path.relative_to(root)
    if "site-packages" in rel.parts:
        continue
    count += 1
    name = str(rel).replace("/", "__")
    try:
        tree = ast.parse(path.read_bytes(), str(path), "exec", type_comments=True)
        text = ast.dump(tree, include_attributes=True, indent=3) + "\n"
        (out / (name + ".dump")).write_text(text, encoding="utf-8", errors="surrogatepass")
    except Exception as e:  # SyntaxError, ValueError, RecursionError, MemoryError
        line = traceback.format_exception_only(e)[-1]
        (out / (name + ".err")).write_text(line, encoding="utf-8", errors="surrogatepass")
print(f"recorded {count} files from {root} into {out}")
