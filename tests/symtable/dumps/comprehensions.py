lst = [x for x in range(10) if x % 2]
st = {y for y in lst}
dct = {k: v for k, v in zip(lst, st)}
gen = (z for z in lst)
nested = [[i * j for j in range(i)] for i in range(5)]
outer_iter = [a for a in [b for b in range(3)]]
walrus_module = [(last := n) for n in range(3)]

def f(items):
    total = 0
    doubled = [item * 2 for item in items]
    cell_in_comp = [lambda: item for item in items]
    comp_reads_local = [total + e for e in items]
    gen_reads_local = (total + e for e in items)
    [(found := e) for e in items if e]
    def later():
        return found
    async_gen = (await e async for e in items)
    return doubled, cell_in_comp, later

def g(xs):
    return [[x + y for y in xs] for x in xs]

def h(xs):
    return {x: [y for y in xs if y != x] for x in xs}

def shadowing(x):
    res = [x for x in range(3)]
    return x, res

def cell_shadow():
    x = 1
    res = [lambda: x for x in range(3)]
    return res, lambda: x

class InClass:
    items = [1, 2]
    squares = [i * i for i in items]
    pairs = [(i, j) for i in items for j in items]
    gen = (i for i in items)
    uses_class = [__class__ for _ in items]
    def method(self):
        return [super() for _ in self.items]

async def af(xs):
    return [await x for x in xs], [x async for x in xs], {x: y async for x, y in xs}

def walrus_levels():
    [[(deep := j) for j in range(3)] for i in range(3)]
    return deep

def walrus_global():
    global gw
    [(gw := 1) for _ in range(3)]

def walrus_nonlocal():
    nl = 0
    def inner():
        nonlocal nl
        [(nl := i) for i in range(3)]
    return inner
