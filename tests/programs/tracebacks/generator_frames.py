# An exception in a generator pipeline: each generator's frame appears.
def numbers():
    yield 1
    yield 0


def inverses(src):
    for n in src:
        yield 1 / n


for value in inverses(numbers()):
    print(value)
