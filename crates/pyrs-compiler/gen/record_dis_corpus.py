"""Records what `python3.13 -m dis FILE` prints for every .py file of a corpus.

Run with the reference interpreter:

    $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_dis_corpus.py OUT_DIR [CORPUS_DIR]

For each file it writes OUT_DIR/<path relative to the corpus, '/' replaced by '__'>.dis: the
listing, or `ERROR: <exception>` when the reference rejects the file. The corpus defaults to
the interpreter's own standard library (site-packages excluded). The listing is made as
`dis`'s command line makes it (`compile(source, filename, 'exec')`, then `dis.dis`), with the
file's path as given. examples/bytecode_corpus.rs compares pyrs's listings with these, code
object by code object.
"""

import dis
import io
import os
import sys
import sysconfig
from concurrent.futures import ProcessPoolExecutor


def corpus_files(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        for f in sorted(files):
            if f.endswith(".py"):
                yield os.path.join(d, f)


def record(args):
    path, root, out = args
    rel = os.path.relpath(path, root).replace(os.sep, "__")
    with open(path, "rb") as f:
        source = f.read()
    try:
        code = compile(source, path, "exec", dont_inherit=True)
        buf = io.StringIO()
        dis.dis(code, file=buf)
        text = buf.getvalue()
    except Exception as e:  # the reference rejects the file
        text = f"ERROR: {type(e).__name__}: {e}\n"
    with open(os.path.join(out, rel + ".dis"), "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)


def main():
    out = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else sysconfig.get_paths()["stdlib"]
    os.makedirs(out, exist_ok=True)
    files = list(corpus_files(root))
    with ProcessPoolExecutor() as pool:
        list(pool.map(record, [(f, root, out) for f in files], chunksize=16))
    print(f"{len(files)} files recorded in {out}")


if __name__ == "__main__":
    main()
