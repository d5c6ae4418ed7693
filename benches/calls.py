# Function calls: positional, keyword, defaults, closures, recursion.
def add(a, b):
    return a + b


def with_defaults(a, b=2, *, c=3):
    return a + b + c


def make_counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


total = 0
for i in range(1_500_000):
    total = add(total, i)
    total += with_defaults(i, c=1)
bump = make_counter()
for i in range(1_500_000):
    bump()
print(total, bump(0), fib(27))
