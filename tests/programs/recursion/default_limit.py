# Infinite recursion raises RecursionError at the default limit; it is catchable.
def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e)


depth = 0


def measure():
    global depth
    depth += 1
    measure()


try:
    measure()
except RecursionError:
    print(900 < depth <= 1000)
