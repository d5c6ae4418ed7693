# inspect on frames and code: stack(), getframeinfo (f_lasti, co_positions), getsource.
import inspect
import sys
import traceback

def leaf():
    return [(fi.function, fi.lineno, fi.code_context[0].strip()) for fi in inspect.stack()]

def middle():
    return leaf()

for entry in middle():
    print(entry)

info = inspect.getframeinfo(sys._getframe())
print(info.function, info.lineno, info.positions.lineno, info.code_context)
lasti = sys._getframe().f_lasti
print(lasti % 2, lasti > 0, type(lasti).__name__)

def f(a, b):
    return a.x + b

positions = list(f.__code__.co_positions())
print(len(positions), positions[:3], positions[-1])
print(all(len(p) == 4 for p in positions))

print(inspect.getsource(f), end="")
print(inspect.getsourcelines(middle)[1])

def g():
    return [(name, line) for _, _, name, line in traceback.extract_stack()][-2:]
print(g())
def walk():
    return [f.f_code.co_name for f, _ in traceback.walk_stack(sys._getframe())]
def outer():
    return walk()
print(outer())
