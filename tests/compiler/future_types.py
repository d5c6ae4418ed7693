# from __future__ import annotations, PEP 695 generics and type aliases.
from __future__ import annotations

x: list[int] | None = None


def f(a: dict[str, int], *b: tuple[int, ...]) -> Callable[[int], str]:
    return a


class G[T: (int, str), *Ts, **P]:
    def m[U = int](self, u: U) -> T:
        return u


type Alias[K] = dict[K, list[K]]
