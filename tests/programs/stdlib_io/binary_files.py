# Binary files: buffered readers, writers and random access, raw FileIO, and the errors
# of bad modes, missing files and closed files. Files live in a directory the program
# makes under the current directory and removes at the end.
import io
import os

d = "tests/programs/stdlib_io/_tmp_binary_files"
os.mkdir(d)
p = os.path.join(d, "b.bin")
try:
    with open(p, "wb") as f:
        print(type(f).__name__, f.write(b"0123456789\nabc\n"), f.tell(), f.writable(), f.readable())
        print(type(f.raw).__name__, f.raw.mode, f.mode, f.raw.closefd)
    with open(p, "rb") as f:
        print(type(f).__name__, f.read(3), f.peek(2)[:2], f.read1(2), f.tell())
        print(f.readline(), f.readline(), f.readline(), f.read())
        print(f.seek(-4, 2), f.read(), f.seek(0), f.read(4), f.seek(2, 1), f.read(2))
        print(f.seekable(), f.readable(), f.writable(), f.isatty(), f.fileno() > 2)
    with open(p, "r+b") as f:
        print(type(f).__name__)
        f.seek(2)
        f.write(b"XY")
        print(f.read(3), f.tell())
        f.seek(0)
        print(f.read())
        print(f.truncate(5), f.tell())
        f.seek(0)
        print(f.read())
    with open(p, "ab") as f:
        f.write(b"++")
        print(f.tell())
    with open(p, "rb", buffering=0) as f:
        print(type(f).__name__, f.read(2), f.readall(), f.read(), f.mode)
    b = bytearray(4)
    with open(p, "rb") as f:
        print(f.readinto(b), b)
    with open(p, "rb") as f:
        print(list(f), f.closed)
    print(f.closed)
    try:
        open(p, "xb")
    except FileExistsError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename == p)
    with io.FileIO(p) as r:
        print(r.read(3), r.name == p, r.mode, r.seekable())
    for mode in ["rz", "rw", "", "b", "rbt", "U", "rU", "wa", "r++", "rr"]:
        try:
            open(p, mode)
        except ValueError as e:
            print(repr(mode), e)
    for kwargs in [{"encoding": "utf-8"}, {"errors": "strict"}, {"newline": ""}]:
        try:
            open(p, "rb", **kwargs)
        except ValueError as e:
            print(e)
    try:
        open(p, "r", buffering=0)
    except ValueError as e:
        print(e)
    try:
        open(3.5)
    except TypeError as e:
        print(e)
    try:
        open(d)
    except IsADirectoryError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        open(os.path.join(d, "missing", "x"), "wb")
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror)
    f = open(p, "rb")
    f.close()
    for name in ["read", "readline", "peek", "seek", "tell", "flush"]:
        try:
            getattr(f, name)(*([0] if name == "seek" else []))
        except ValueError as e:
            print(name, type(e).__name__, e)
    try:
        f.write(b"x")
    except io.UnsupportedOperation as e:
        print("write", type(e).__name__, e)
    w = open(p, "wb")
    try:
        w.read()
    except io.UnsupportedOperation as e:
        print(type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))
    w.close()
finally:
    for name in os.listdir(d):
        os.remove(os.path.join(d, name))
    os.rmdir(d)
