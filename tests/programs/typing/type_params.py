# PEP 695 type parameters on functions and type aliases: TypeVar, ParamSpec and TypeVarTuple
# objects, lazily evaluated bounds, constraints and defaults, `type` statements.
def identity[T](x: T) -> T:
    return x


def bounded[T: int, *Ts, **P](x: T) -> T:
    return x


def constrained[S: (str, bytes), U = list[int]]():
    pass


print(identity(3), identity.__type_params__)
T, Ts, P = bounded.__type_params__
print(type(T).__name__, type(Ts).__name__, type(P).__name__)
print(T.__name__, T.__bound__, T.__constraints__, T.__covariant__, T.__contravariant__, T.__infer_variance__)
print(repr(Ts), repr(P), P.__bound__, P.__infer_variance__)
S, U = constrained.__type_params__
print(S.__constraints__, S.__bound__, S.has_default(), U.has_default(), U.__default__)
print(T.__module__, T.has_default(), T.__default__)


def lazy[X: UndefinedName]():
    pass


(X,) = lazy.__type_params__
try:
    X.__bound__
except NameError as e:
    print("NameError", e)
UndefinedName = float
print(X.__bound__)

type Number = int | float
type Pair[K] = tuple[K, K]
type Later = NotYetDefined
print(Number, type(Number).__name__, Number.__name__, Number.__value__, Number.__type_params__)
print(Pair.__type_params__, Pair.__parameters__, Pair.__value__, Pair[str])
try:
    Later.__value__
except NameError as e:
    print("NameError", e)
NotYetDefined = bytes
print(Later.__value__, Later.__module__)
try:
    Number[int]
except TypeError as e:
    print("TypeError", e)
print(Number | None, Pair[int] | str)


class Outer:
    type Inner = list[Outer]

    def method[M](self, m: M) -> M:
        return m


print(Outer.Inner.__value__, Outer().method.__type_params__, Outer.method.__qualname__)
