# Functions, classes, decorators, async, type parameters.
@decorator
@d.e(f)[0]
@(lambda f: f)
def f(a, b: int = 1, /, c=2, *args: *Ts, d, e: str = "", **kw) -> None:
    """Docstring."""
    nonlocal_ = 1
    return a


async def g():
    await x
    async for i in y:
        pass
    async with z as w:
        pass
    return [i async for i in y]


class C(Base, metaclass=M):
    x: int

    def method(self): ...


class D[T, *Ts, **P](Generic[T]):
    pass


def h[T: int = str, U: (int, str) = int, *Ts = *tuple[int], **P = [int]](x: T) -> T:
    pass


type Alias = int
type Generic[T] = list[T]
type = 1
