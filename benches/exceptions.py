# Exceptions: raising and catching, try/finally, custom classes, context managers.
class AppError(Exception):
    pass


def check(i):
    if i % 3 == 0:
        raise AppError(i)
    return i


class Guard:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        return kind is KeyError


caught = 0
total = 0
for i in range(600_000):
    try:
        total += check(i)
    except AppError:
        caught += 1
    finally:
        total += 1
d = {}
for i in range(400_000):
    with Guard():
        d[i]
misses = 0
for i in range(400_000):
    try:
        int("x" if i % 2 else "1")
    except ValueError:
        misses += 1
print(caught, total, misses)
