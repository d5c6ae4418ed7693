class C:
    x = 1
    funcs = [lambda: y for y in range(3)]
    gens = [(lambda: z)() for z in range(3)]

def f():
    class D:
        a = [lambda: b for b in range(3)]
    return D

def g():
    w = 1
    r = [lambda: w for _ in range(3)]
    return r

def h():
    [[lambda: q for q in range(2)] for _ in range(2)]
