# faulthandler.dump_traceback_later (the watchdog's header and dump, cancel, repeat, the
# timeout's checks) and register/unregister of a user signal, with and without chaining to
# the Python handler. Thread identifiers are masked.
import faulthandler
import os
import re
import signal
import tempfile
import time


def show(f):
    f.seek(0)
    print(re.sub(r'0x[0-9a-f]{16}', '0xTHREAD', f.read()), end='')


def sleeper():
    time.sleep(0.5)


with tempfile.TemporaryFile('w+') as f:
    faulthandler.dump_traceback_later(0.05, file=f)
    sleeper()
    faulthandler.cancel_dump_traceback_later()
    show(f)

with tempfile.TemporaryFile('w+') as f:
    faulthandler.dump_traceback_later(3661.5, file=f)
    faulthandler.cancel_dump_traceback_later()
    faulthandler.cancel_dump_traceback_later()
    show(f)
    print('nothing written:', f.tell() == 0)

for bad in [(0,), (-1,), (1e300,), ('x',), (None,), (1, 'r'), (float('nan'),),
            (float('inf'),)]:
    try:
        faulthandler.dump_traceback_later(*bad)
        print('accepted', bad)
        faulthandler.cancel_dump_traceback_later()
    except Exception as e:
        print(type(e).__name__, e)

with tempfile.TemporaryFile('w+') as f:
    faulthandler.dump_traceback_later(0.05, repeat=True, file=f)
    time.sleep(0.5)
    faulthandler.cancel_dump_traceback_later()
    f.seek(0)
    print('repeated:', f.read().count('Timeout (0:00:00.050000)!') >= 2)

with tempfile.TemporaryFile('w+') as f:
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)

    def user():
        os.kill(os.getpid(), signal.SIGUSR1)

    user()
    print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))
    show(f)

for signum in (signal.SIGSEGV, signal.SIGABRT, signal.SIGFPE, 0, 65, -3, 'x'):
    try:
        faulthandler.register(signum)
    except Exception as e:
        print(type(e).__name__, e)
try:
    faulthandler.unregister(70)
except ValueError as e:
    print(type(e).__name__, e)

got = []
signal.signal(signal.SIGUSR2, lambda signum, frame: got.append(signum))
with tempfile.TemporaryFile('w+') as f:
    faulthandler.register(signal.SIGUSR2, file=f, chain=True)
    os.kill(os.getpid(), signal.SIGUSR2)
    time.sleep(0.01)
    faulthandler.unregister(signal.SIGUSR2)
    os.kill(os.getpid(), signal.SIGUSR2)
    time.sleep(0.01)
    show(f)
print(got)
