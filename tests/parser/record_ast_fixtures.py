"""Records the reference's `python3.13 -m ast -a` output for the programs in tests/parser/ast/.

    $(pyenv prefix 3.13.0)/bin/python3.13 tests/parser/record_ast_fixtures.py

Writes NAME.py.dump beside each NAME.py (what stdout holds), the same way `-m ast -a` does:
`ast.parse` of the file's bytes with type comments, `ast.dump` with attributes and indent 3.
"""
import ast
import pathlib
import sys

assert sys.version_info[:3] == (3, 13, 0), "run with the reference, python3.13.0"
HERE = pathlib.Path(__file__).resolve().parent / "ast"
for path in sorted(HERE.glob("*.py")):
    tree = ast.parse(path.read_bytes(), str(path), "exec", type_comments=True)
    text = ast.dump(tree, include_attributes=True, indent=3) + "\n"
    path.with_name(path.name + ".dump").write_text(text, encoding="utf-8")
    print(f"recorded {path.name}")
