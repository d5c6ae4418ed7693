# Default values are evaluated once, at definition time; the mutable default trap.
calls = 0


def stamp():
    global calls
    calls += 1
    return calls


def f(x=stamp(), acc=[]):
    acc.append(x)
    return acc


print(f(), f(), f(10), calls, f.__defaults__)


def g(a, b=2, c=3):
    return a, b, c


print(g(1), g(1, c=5), g(a=0), g(1, 2, 3))
