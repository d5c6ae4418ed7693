# Generators, yield from, async functions, await, async for/with, async comprehensions.
def gen(n):
    x = yield n
    yield from range(x)
    return 3


async def coro(session, urls):
    async with session as s:
        data = await s.get(urls[0])
    async for item in s.stream():
        print(item)
    results = [await s.get(u) for u in urls]
    chunks = [c async for c in s.chunks()]
    return data, results, chunks


async def agen():
    for i in range(3):
        yield i
        await sleep(0)
