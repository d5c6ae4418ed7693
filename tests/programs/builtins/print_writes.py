# print() writes to a file object one str() at a time, as CPython does: a separator, end or
# argument per write call, str() of str subclasses, partial output when a str() fails;
# sep/end type errors, file=None, sys.stdout None or missing, flush without a flush method.
import sys, io
class Bad:
    def __str__(self): raise ValueError("no str")
class Log:
    def __init__(self): self.calls = []
    def write(self, s): self.calls.append(s)
class S(str):
    def __str__(self): return "sub!"
log = Log()
print(1, 'a', S('x'), None, sep=S('-'), end=S('!'), file=log)
print(log.calls)
try: print(1, 2, Bad(), 3, file=log)
except ValueError as e: print("error", e, log.calls)
try: print(1, 2, Bad(), 3)
except ValueError as e: print("\nerror", e)
try: print(1, sep=3)
except TypeError as e: print(e)
try: print(1, end=b'x')
except TypeError as e: print(e)
try: print(1, file=log, flush=True)
except AttributeError as e: print(e)
class NoWrite: pass
try: print(1, file=NoWrite())
except AttributeError as e: print(e)
old = sys.stdout
sys.stdout = None
print("invisible", sep=3)
sys.stdout = io.StringIO()
print("to stringio", 5)
v = sys.stdout.getvalue()
del sys.stdout
try: print("lost")
except RuntimeError as e: r = e
sys.stdout = old
print(repr(v), r)
print(file=None, flush=True)
print("tail", end="")
print()
