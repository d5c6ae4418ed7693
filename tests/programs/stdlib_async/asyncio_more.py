# asyncio beyond run/gather: queues, wait_for timeouts, TaskGroup with except*, cancellation,
# async context managers and iterators, events, locks, semaphores, as_completed, shield.
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
    await q.put(None)


async def consumer(q, out):
    while (item := await q.get()) is not None:
        out.append(item * 10)
        q.task_done()
    q.task_done()


async def slow(delay, value):
    await asyncio.sleep(delay)
    return value


class Resource:
    async def __aenter__(self):
        print("enter")
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return False


class Ticker:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0)
        return self.n


async def main():
    q = asyncio.Queue(maxsize=2)
    out = []
    await asyncio.gather(producer(q, 5), consumer(q, out))
    print("queue", out, q.empty())

    try:
        await asyncio.wait_for(slow(1, "late"), timeout=0.01)
    except TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(slow(0, "quick"), timeout=1))

    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout() fired")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow(0, 1))
            tg.create_task(slow(0.001, "x")).add_done_callback(lambda t: None)

            async def boom(kind):
                await asyncio.sleep(0)
                raise kind("boom")

            tg.create_task(boom(ValueError))
            tg.create_task(boom(KeyError))
    except* ValueError as eg:
        print("ValueError group", [str(e) for e in eg.exceptions])
    except* KeyError as eg:
        print("KeyError group", len(eg.exceptions))

    task = asyncio.create_task(slow(1, "never"))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled", task.cancelled())

    async with Resource() as r:
        print("inside", type(r).__name__)
    try:
        async with Resource():
            raise RuntimeError("in body")
    except RuntimeError as e:
        print("caught", e)

    print([v async for v in Ticker(3)])

    ev = asyncio.Event()
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(2)
    log = []

    async def waiter(i):
        await ev.wait()
        async with sem:
            async with lock:
                log.append(i)

    tasks = [asyncio.create_task(waiter(i)) for i in range(4)]
    await asyncio.sleep(0)
    ev.set()
    await asyncio.gather(*tasks)
    print("log", log, lock.locked())

    results = []
    for fut in asyncio.as_completed([slow(0.02, "b"), slow(0.01, "a")]):
        results.append(await fut)
    print("as_completed", results)
    print(await asyncio.shield(slow(0, "shielded")))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "from call_soon")
    print(await fut)
    return "done"


print(asyncio.run(main()))
