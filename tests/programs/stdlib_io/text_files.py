# Text files: writing and reading with encodings, newline modes, readline, iteration,
# tell/seek, append mode and errors on closed files. Files live in a directory the
# program makes under the current directory and removes at the end.
import os

d = "tests/programs/stdlib_io/_tmp_text_files"
os.mkdir(d)
p = os.path.join(d, "t.txt")
try:
    with open(p, "w") as f:
        print(f.write("héllo\nwörld\r\nthird\rlast"), f.name == p, f.mode, f.encoding, f.errors)
    with open(p) as f:
        print(f.readlines())
    with open(p, newline="") as f:
        print(list(f))
    with open(p, newline="\r") as f:
        print(f.readlines())
    with open(p, "rb") as f:
        print(f.read())
    with open(p) as f:
        print(repr(f.read(3)), f.tell(), repr(f.readline()), f.tell(), repr(f.readline(2)))
        f.seek(0)
        print(repr(f.read()))
        print(repr(f.read()), repr(f.readline()))
    with open(p, "a", encoding="latin-1") as f:
        f.write("\nmore é")
    with open(p, encoding="latin-1") as f:
        print(repr(f.read()))
    with open(p, encoding="ascii", errors="replace") as f:
        print(repr(f.readline()))
    try:
        with open(p, encoding="ascii") as f:
            f.read()
    except UnicodeDecodeError as e:
        print(type(e).__name__, e)
    with open(p, "w", encoding="cp1252") as f:
        f.write("€uro\n")
    with open(p, "rb") as f:
        print(f.read())
    with open(p, encoding="cp1252") as f:
        print(f.read())
    with open(p, "w", encoding="utf-16") as f:
        f.write("ab\ncd\n")
    with open(p, "rb") as f:
        print(f.read())
    with open(p, encoding="utf-16") as f:
        print(f.readlines())
    with open(p, "w", newline="\r\n") as f:
        f.write("x\ny\n")
    with open(p, "rb") as f:
        print(f.read())
    with open(p, "w") as f:
        f.writelines(["1\n", "2\n", "3"])
    with open(p) as f:
        for i, line in enumerate(f):
            print(i, repr(line))
    f = open(p)
    f.close()
    f.close()
    print(f.closed)
    for call in (f.read, f.readline, f.tell, lambda: f.write("x"), lambda: iter(f), lambda: f.__enter__()):
        try:
            call()
        except ValueError as e:
            print(type(e).__name__, e)
    g = open(p, "w")
    g.write("dropped without close")
    del g
    with open(p) as f:
        print(f.read())
    try:
        open(p, encoding="no-such-codec")
    except LookupError as e:
        print(type(e).__name__, e)
    try:
        open(p, "w").write(b"bytes")
    except TypeError as e:
        print(type(e).__name__, e)
finally:
    for name in os.listdir(d):
        os.remove(os.path.join(d, name))
    os.rmdir(d)
print(os.path.exists(d))
