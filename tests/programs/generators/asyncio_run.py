# asyncio.run with tasks and gather: deterministic ordering with sleep(0).
import asyncio


async def worker(name, steps, log):
    for i in range(steps):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)
    return name * steps


async def main():
    log = []
    results = await asyncio.gather(worker("a", 3, log), worker("b", 2, log))
    print(results, log)
    async def agen():
        for i in range(3):
            yield i
    print([x async for x in agen()])


asyncio.run(main())
