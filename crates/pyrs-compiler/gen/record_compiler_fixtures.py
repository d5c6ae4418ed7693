"""Records the reference's disassembly of each compiler fixture.

Run with the reference interpreter from the repository root:

    $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_compiler_fixtures.py

For every tests/compiler/NAME.py it writes tests/compiler/NAME.dis: what `dis.dis` prints for
`compile(source, "NAME.py", "exec")`, with each object address written `0xADDR` (addresses
change from run to run). crates/pyrs-compiler/tests/bytecode_fixtures.rs compares pyrs's
listing with it. PYTHONHASHSEED is fixed so that frozensets of strings print in one order.
"""

import dis
import io
import os
import re
import subprocess
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests", "compiler")


def listing(path):
    with open(path, "rb") as f:
        source = f.read()
    name = os.path.basename(path)
    code = compile(source, name, "exec", dont_inherit=True)
    out = io.StringIO()
    dis.dis(code, file=out)
    return re.sub(r" at 0x[0-9a-f]+", " at 0xADDR", out.getvalue())


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        sys.exit(subprocess.call([sys.executable, __file__], env=env))
    root = os.path.normpath(HERE)
    for name in sorted(os.listdir(root)):
        if name.endswith(".py"):
            path = os.path.join(root, name)
            with open(path[:-3] + ".dis", "w", encoding="utf-8") as f:
                f.write(listing(path))
            print("recorded", name)


if __name__ == "__main__":
    main()
