# A coroutine that is never awaited: the RuntimeWarning when it is collected, with CPython's
# "Enable tracemalloc" hint, and, in a child started with -X tracemalloc, the traceback of the
# coroutine object's allocation; the same for an async generator's asend that is never awaited;
# a warnings filter that turns the warning into an error reports it as unraisable.
import gc
import subprocess
import sys
import warnings


async def coro():
    pass


def make():
    coro()


make()
gc.collect()


async def agen():
    yield 1


g = agen()
g.asend(None)
gc.collect()

CHILD = '''
import gc
async def coro():
    pass
def make():
    coro()
make()
gc.collect()
print("child done")
'''
result = subprocess.run([sys.executable, '-X', 'tracemalloc=3', '-c', CHILD],
                        capture_output=True, text=True)
print(result.returncode, result.stdout, end='')
print(result.stderr, end='')



def hook(unraisable):
    print('unraisable:', type(unraisable.exc_value).__name__, unraisable.exc_value,
          type(unraisable.object).__name__)


sys.unraisablehook = hook
with warnings.catch_warnings():
    warnings.simplefilter('error')
    make()
    gc.collect()
sys.unraisablehook = sys.__unraisablehook__
print('done')
