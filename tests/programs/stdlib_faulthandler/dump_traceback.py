# faulthandler.dump_traceback: the header with and without all_threads, frames innermost first,
# names escaped to ASCII and cut at 500 characters, at most 100 frames; the `file` argument
# (a descriptor, a file object, None) and its errors; enable/disable/is_enabled. Thread
# identifiers differ from run to run and are masked.
import faulthandler
import io
import re
import sys
import tempfile


def show(f):
    f.seek(0)
    print(re.sub(r'0x[0-9a-f]{16}', '0xTHREAD', f.read()), end='')


def inner(f):
    faulthandler.dump_traceback(f)
    faulthandler.dump_traceback(file=f, all_threads=False)
    faulthandler.dump_traceback(f.fileno(), 0)


def outer(f):
    inner(f)


with tempfile.TemporaryFile('w+') as f:
    outer(f)
    show(f)


def recurse(n, f):
    if n:
        return recurse(n - 1, f)
    faulthandler.dump_traceback(f, all_threads=False)


with tempfile.TemporaryFile('w+') as f:
    recurse(150, f)
    show(f)

with tempfile.TemporaryFile('w+') as f:
    ns = {'F': f, 'faulthandler': faulthandler}
    exec(compile("def caf\u00e9():\n    faulthandler.dump_traceback(file=F)\n",
                 "fil\u00e9\u20ac\U0001F600\t.py", "exec"), ns)
    ns['caf\u00e9']()
    exec(compile("faulthandler.dump_traceback(file=F)", "x" * 600, "exec"), ns)
    show(f)

print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled(), faulthandler.disable(), faulthandler.disable())
faulthandler.enable(file=None, all_threads=2)
faulthandler.enable(sys.stderr, '')
print(faulthandler.is_enabled(), faulthandler.disable())


class NoFileno:
    pass


class BadFileno:
    def __init__(self, value):
        self.value = value

    def fileno(self):
        return self.value


class FlushFails:
    def __init__(self, f):
        self.f = f

    def fileno(self):
        return self.f.fileno()

    def flush(self):
        raise ValueError('flush')


for file in (3.5, io.StringIO(), -1, NoFileno(), BadFileno('x'), BadFileno(-5),
             BadFileno(2 ** 70)):
    try:
        faulthandler.dump_traceback(file=file)
    except Exception as e:
        print(type(e).__name__, e)

with tempfile.TemporaryFile('w+') as f:
    faulthandler.dump_traceback(FlushFails(f), all_threads=False)
    show(f)

for args, kwargs in [((1, 2, 3), {}), ((), {'filx': 1})]:
    try:
        faulthandler.dump_traceback(*args, **kwargs)
    except TypeError as e:
        print(type(e).__name__, e)

saved = sys.stderr
sys.stderr = None
try:
    faulthandler.dump_traceback()
except RuntimeError as e:
    print(type(e).__name__, e)
del sys.stderr
try:
    faulthandler.enable()
except RuntimeError as e:
    print(type(e).__name__, e)
sys.stderr = saved
print(faulthandler.__doc__)
print(sorted(n for n in dir(faulthandler) if not n.startswith('_')))
