# aiter and anext with an async generator driven by asyncio.
import asyncio


async def agen():
    for i in range(3):
        yield i * 10


async def main():
    it = aiter(agen())
    print(await anext(it), await anext(it), await anext(it), await anext(it, "done"))
    try:
        await anext(it)
    except StopAsyncIteration as e:
        print(type(e).__name__)


asyncio.run(main())
