# Generator attributes and states: gi_running, gi_frame, gi_suspended, re-entrance error.
import inspect


def g():
    yield inspect.getgeneratorstate(me)
    yield 2


me = g()
print(inspect.getgeneratorstate(me), next(me), inspect.getgeneratorstate(me))
list(me)
print(inspect.getgeneratorstate(me), me.__name__, me.__qualname__)


def reenter():
    yield next(r)


r = reenter()
try:
    next(r)
except ValueError as e:
    print(type(e).__name__, e)
