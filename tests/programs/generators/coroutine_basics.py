# async functions driven by hand: coroutine objects, await on another coroutine, send(None).
async def add(a, b):
    return a + b


async def main():
    x = await add(1, 2)
    y = await add(x, 10)
    return [x, y]


coro = main()
print(type(coro).__name__)
try:
    coro.send(None)
except StopIteration as e:
    print("result", e.value)


class Awaitable:
    def __await__(self):
        value = yield "suspended"
        return value * 2


async def uses_awaitable():
    return await Awaitable()


c = uses_awaitable()
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("result", e.value)
