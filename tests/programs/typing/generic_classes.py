# Generic classes with PEP 695 syntax and with typing.Generic: implicit Generic base,
# __type_params__, __parameters__, subscription, TypeVar objects made by hand.
from typing import Generic, TypeVar, ParamSpec, TypeVarTuple, TypeAliasType, NoDefault


class Box[T]:
    def __init__(self, item: T):
        self.item = item

    def get(self) -> T:
        return self.item


print(Box.__type_params__, Box.__parameters__, Box.__mro__)
print(Box[int], Box[int].__origin__ is Box, Box[int].__args__, Box[int](5).item)
print(Box.__orig_bases__ if hasattr(Box, "__orig_bases__") else "no __orig_bases__")

K = TypeVar("K")
V = TypeVar("V", bound=str, covariant=True)
N = TypeVar("N", int, float, contravariant=True)
P = ParamSpec("P")
Ts = TypeVarTuple("Ts")
print(K, V, N, P, Ts, P.args, P.kwargs, K.__module__, V.__bound__, N.__constraints__)
print(K.__default__ is NoDefault, NoDefault, TypeVar("D", default=int).__default__)


class Pair(Generic[K, V]):
    pass


print(Pair[int, str], Pair.__parameters__, Pair[int, str].__parameters__)
for bad in [lambda: TypeVar("X", int), lambda: TypeVar("X", int, str, bound=int),
            lambda: TypeVar("X", covariant=True, contravariant=True),
            lambda: Pair[int], lambda: type("C", (K,), {})]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

Alias = TypeAliasType("Alias", list[K], type_params=(K,))
print(Alias, Alias.__value__, Alias[int], Alias.__type_params__)
print(K | int, int | K, Box[K] | None)
