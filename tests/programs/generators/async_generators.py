# Async generators driven by hand: asend/athrow/aclose, the awaitables' one use, hooks,
# finalisation, anext with a default, async comprehensions.
import sys
import types


def run(aw):
    """Drives an awaitable that never really suspends; returns its result."""
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return e.value


@types.coroutine
def suspend(v):
    got = yield v
    return got


async def agen(log):
    try:
        x = yield 1
        log.append(("sent", x))
        y = yield 2
        log.append(("sent", y))
        yield 3
    except ValueError as e:
        log.append(("caught", str(e)))
        yield "after-throw"
    finally:
        log.append("finally")


log = []
g = agen(log)
print(type(g).__name__, g.ag_running, g.ag_frame is not None, g.ag_code.co_name)
print(run(g.__anext__()))
print(run(g.asend("hello")))
print(run(g.athrow(ValueError("boom"))))
try:
    run(g.__anext__())
except StopAsyncIteration:
    print("StopAsyncIteration")
print(log)

# aclose on a suspended generator runs its finally.
log = []
g = agen(log)
run(g.__anext__())
print(run(g.aclose()), log)
# aclose again: nothing to do.
print(run(g.aclose()))
try:
    run(g.__anext__())
except StopAsyncIteration:
    print("closed: StopAsyncIteration")

# An awaitable can be used once.
g = agen([])
a = g.__anext__()
print(run(a))
for meth in (lambda: a.send(None), lambda: a.throw(ValueError)):
    try:
        meth()
    except RuntimeError as e:
        print("RuntimeError", e)
t = g.aclose()
run(t)
try:
    t.send(None)
except RuntimeError as e:
    print("RuntimeError", e)


# Ignoring GeneratorExit.
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


g = stubborn()
run(g.__anext__())
try:
    run(g.aclose())
except RuntimeError as e:
    print("RuntimeError", e)


# await inside an async generator: the bare value goes up to the driver.
async def awaiting():
    got = await suspend("to-loop")
    yield got


g = awaiting()
aw = g.__anext__()
print(aw.send(None))
try:
    aw.send("from-loop")
except StopIteration as e:
    print("yielded", e.value)

# Already running.
g = awaiting()
aw1 = g.__anext__()
aw1.send(None)
try:
    g.__anext__().send(None)
except RuntimeError as e:
    print("RuntimeError", e)

# asend with a value into a just-started generator.
g = agen([])
try:
    run(g.asend("x"))
except TypeError as e:
    print("TypeError", e)

# anext with a default.
async def short():
    yield "only"


g = short()
print(run(anext(g, "dflt")), run(anext(g, "dflt")), run(anext(g, "dflt")))
try:
    anext(42)
except TypeError as e:
    print("TypeError", e)


# Async comprehensions and async for.
async def numbers(n):
    for i in range(n):
        yield i


async def main():
    out = [x * x async for x in numbers(5) if x % 2 == 0]
    total = 0
    async for v in numbers(4):
        total += v
    return out, total, {x async for x in numbers(3)}


print(run(main()))

# Hooks.
print(sys.get_asyncgen_hooks())
seen = []
sys.set_asyncgen_hooks(firstiter=lambda g: seen.append(("first", g.__name__)),
                       finalizer=lambda g: seen.append(("final", g.__name__)))
g = numbers(3)
run(g.__anext__())
del g
print(seen)
hooks = sys.get_asyncgen_hooks()
print(type(hooks).__name__, hooks.firstiter is not None, len(hooks))
for bad in ({"firstiter": 1}, {"finalizer": "x"}):
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print("TypeError", e)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())

# Without a finalizer, an unfinished generator is closed when it dies.
log = []
g = agen(log)
run(g.__anext__())
del g
print(log)

# Errors from the frame propagate; StopAsyncIteration inside is a RuntimeError.
async def bad():
    raise StopAsyncIteration
    yield


try:
    run(bad().__anext__())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
print(repr(numbers(1)).split(" at ")[0])
aws = [numbers(1).asend(None), numbers(1).athrow(ValueError), numbers(1).aclose()]
print([type(a).__name__ for a in aws], [a.close() for a in aws])
