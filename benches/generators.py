# Generators: plain loops, pipelines, yield from, send, generator expressions.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


def chained(n):
    yield from count_up(n)
    yield from count_up(n // 2)


def accumulator():
    total = 0
    while True:
        value = yield total
        total += value


a = sum(evens(count_up(2_000_000)))
b = sum(1 for _ in chained(1_500_000))
acc = accumulator()
next(acc)
for i in range(1_000_000):
    last = acc.send(i)
c = sum(x * x for x in range(1_000_000) if x & 1)
print(a, b, last, c)
