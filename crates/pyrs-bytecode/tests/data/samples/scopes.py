def outer(a, b=2, *args, c, d=4, **kwargs):
    counter = 0

    def inner(x):
        nonlocal counter
        counter += x
        return counter + a

    squares = {k: k * k for k in args}
    evens = {v for v in args if v % 2 == 0}
    gen = (inner(v) for v in args)
    return inner, squares, evens, list(gen)


class Base:
    attr: int = 1

    def __init__(self, value):
        self.value = value
        super().__init__()

    @property
    def doubled(self):
        return self.value * 2

    @staticmethod
    def make(*items, **options):
        return Base(*items, **options)


class Child[T](Base):
    def method[U](self, other: U) -> T:
        return super().doubled + other


type Alias[K] = list[K]


def uses_global():
    global counter_g
    counter_g = 1
    del counter_g
    return len, isinstance
