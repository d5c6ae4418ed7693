# os and os.path on files and directories: mkdir, listdir, scandir, stat, rename, remove,
# file descriptors, and the OSError subclasses with errno, strerror and filename. Files
# live in a directory the program makes under the current directory and removes at the end.
import os
import stat

d = "tests/programs/stdlib_os/_tmp_files_and_dirs"
os.mkdir(d)
try:
    try:
        os.mkdir(d)
    except FileExistsError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename == d)
    a = os.path.join(d, "a.txt")
    with open(a, "w") as f:
        f.write("hello\n")
    st = os.stat(a)
    print(st.st_size, len(st), type(st).__name__, isinstance(st, tuple), st[6])
    print(type(st.st_mtime).__name__, type(st[8]).__name__, st.st_mtime_ns // 10**9 == st[8])
    print(stat.S_ISREG(st.st_mode), stat.S_ISDIR(os.stat(d).st_mode), stat.filemode(st.st_mode)[0])
    print(os.path.isdir(d), os.path.isfile(a), os.path.exists(a), os.path.getsize(a))
    print(os.path.exists(os.path.join(d, "nope")), os.path.isdir(a), os.path.islink(a))
    os.mkdir(os.path.join(d, "sub"))
    print(sorted(os.listdir(d)), sorted(os.listdir(d.encode())))
    entries = sorted(os.scandir(d), key=lambda e: e.name)
    for e in entries:
        print(repr(e), e.name, e.path == os.path.join(d, e.name), e.is_dir(), e.is_file(),
              e.is_symlink(), e.stat().st_nlink >= 1, os.fspath(e) == e.path)
    with os.scandir(d) as it:
        print(sorted(type(x).__name__ for x in it))
    b = os.path.join(d, "b.txt")
    os.rename(a, b)
    print(sorted(os.listdir(d)))
    os.replace(b, a)
    fd = os.open(a, os.O_RDONLY)
    print(os.read(fd, 3), os.lseek(fd, 0, os.SEEK_END), os.fstat(fd).st_size, os.isatty(fd))
    os.close(fd)
    fd = os.open(os.path.join(d, "c.bin"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    print(os.write(fd, b"abc"))
    os.close(fd)
    print(os.path.getsize(os.path.join(d, "c.bin")), os.access(a, os.R_OK), os.access(os.path.join(d, "zz"), os.F_OK))
    os.symlink("a.txt", os.path.join(d, "link"))
    print(os.readlink(os.path.join(d, "link")), os.path.islink(os.path.join(d, "link")),
          stat.S_ISLNK(os.lstat(os.path.join(d, "link")).st_mode))
    try:
        os.stat(os.path.join(d, "nope", "x"))
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        os.rmdir(d)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        os.rename(os.path.join(d, "nope1"), os.path.join(d, "nope2"))
    except FileNotFoundError as e:
        print(type(e).__name__, e.filename.endswith("nope1"), e.filename2.endswith("nope2"))
    try:
        os.remove(os.path.join(d, "sub"))
    except IsADirectoryError as e:
        print(type(e).__name__, e.errno)
    try:
        os.listdir(a)
    except NotADirectoryError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        os.close(12345)
    except OSError as e:
        print(type(e).__name__, e)
    for bad in (3.5, None, ["x"]):
        try:
            os.stat(bad)
        except TypeError as e:
            print(e)
    try:
        os.stat("a\0b")
    except ValueError as e:
        print(e)
    cwd = os.getcwd()
    os.chdir(d)
    print(sorted(os.listdir()), os.getcwd() == os.path.join(cwd, d))
    os.chdir(cwd)
finally:
    for name in os.listdir(d):
        path = os.path.join(d, name)
        if os.path.isdir(path) and not os.path.islink(path):
            os.rmdir(path)
        else:
            os.remove(path)
    os.rmdir(d)
print(os.path.exists(d))
