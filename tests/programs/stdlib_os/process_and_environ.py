# os on the process and its environment: environ and getenv, fsencode/fsdecode,
# strerror, urandom, stat_result built by hand, uname, path helpers.
import os

print(os.name, os.sep, os.pathsep, os.linesep == "\n", os.curdir, os.pardir, os.devnull)
print(type(os.environ).__name__, "PATH" in os.environ, os.getenv("PYRS_NOT_SET", "dflt"))
os.environ["PYRS_TEST_VAR"] = "x=1"
print(os.environ["PYRS_TEST_VAR"], os.getenv("PYRS_TEST_VAR"), os.environb[b"PYRS_TEST_VAR"])
del os.environ["PYRS_TEST_VAR"]
print("PYRS_TEST_VAR" in os.environ, os.environ.get("PYRS_TEST_VAR"))
try:
    os.environ["PYRS_TEST_VAR"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    os.environ["X"] = 1
except TypeError as e:
    print(type(e).__name__, e)
print(os.fsencode("é"), os.fsdecode(b"\xc3\xa9"), os.fsencode("\udcff"), repr(os.fsdecode(b"\xff")))
print(os.fspath("p"), os.fspath(b"p"))


class P:
    def __fspath__(self):
        return "from-fspath"


print(os.fspath(P()), os.path.join(P(), "x"))
try:
    os.fspath(1)
except TypeError as e:
    print(e)
print(os.strerror(2), os.strerror(13), len(os.urandom(7)), type(os.urandom(0)).__name__)
print(type(os.getpid()).__name__, os.getpid() > 0, os.cpu_count() >= 1)
print(os.uname().sysname, len(os.uname()), type(os.uname()).__name__)
s = os.stat_result((1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(s, s.st_atime, s.st_mode, s[9], len(s), os.stat_result.n_sequence_fields)
try:
    os.stat_result((1, 2))
except TypeError as e:
    print(e)
try:
    os.get_terminal_size(os.open(os.devnull, os.O_RDONLY))
except OSError as e:
    print(type(e).__name__, e.errno)
print(os.path.join("a", "b", "c"), os.path.split("/x/y.py"), os.path.splitext("y.tar.gz"))
print(os.path.basename("/x/y"), os.path.dirname("/x/y"), os.path.normpath("a//b/../c/."))
print(os.path.isabs("/a"), os.path.abspath("x") == os.path.join(os.getcwd(), "x"))
print(os.path.commonprefix(["/usr/lib", "/usr/local"]), os.path.relpath("/a/b/c", "/a"))
print(os.path.expanduser("~") == os.environ["HOME"], os.path.sep)
