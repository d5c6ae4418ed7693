def outer(a, b=1, *args, c, d=2, **kw):
    x = 1
    y = 2
    def middle():
        nonlocal x
        x = 3
        def inner():
            return x + y + a
        return inner
    def unused():
        z = 1
        return z
    class Local:
        y = 5
        def m(self):
            return y, x, Local
    return middle, lambda: kw

def gen():
    yield 1
    yield from range(3)
    return 2

async def co(session):
    async with session as s:
        async for row in s:
            await row
    return [r async for r in session]

def uses_global():
    global G, H
    G = 1
    print(H, K)

def shadow(G):
    return G

G = 0
