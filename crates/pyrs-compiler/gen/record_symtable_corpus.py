"""Records `python3.13 -m symtable FILE` for every file of a corpus, for the comparison in
examples/symtable_corpus.rs.

Run it with the reference interpreter:

    $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_symtable_corpus.py OUT_DIR [CORPUS_DIR]

CORPUS_DIR defaults to the interpreter's standard library (site-packages left out). For each
file, OUT_DIR gets `<path with / as __>.out` (standard output) and, when the module rejects
the file, `.err` (standard error).
"""

import concurrent.futures
import os
import subprocess
import sys
import sysconfig


def corpus(root):
    for folder, _, names in os.walk(root):
        if "site-packages" in folder.split(os.sep):
            continue
        for name in names:
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def main():
    if sys.version_info[:3] != (3, 13, 0):
        sys.exit("run this with the reference interpreter, CPython 3.13.0")
    out = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else sysconfig.get_paths()["stdlib"]
    os.makedirs(out, exist_ok=True)

    def record(path):
        run = subprocess.run([sys.executable, "-m", "symtable", path], capture_output=True)
        stem = os.path.join(out, os.path.relpath(path, root).replace(os.sep, "__"))
        with open(stem + ".out", "wb") as f:
            f.write(run.stdout)
        if run.returncode:
            with open(stem + ".err", "wb") as f:
                f.write(run.stderr)
        return run.returncode

    files = sorted(corpus(root))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        codes = list(pool.map(record, files))
    print(f"{len(files)} files recorded, {sum(1 for c in codes if c)} rejected")


if __name__ == "__main__":
    main()
