def plain[T](x: T) -> T:
    return x

def defaults[T, *Ts, **P](a=1, *, b=2) -> None:
    pass

def bounded[T: int, U: (str, bytes), V: list[T]](x: U) -> V:
    pass

def with_defaults[T = int, *Ts = tuple[int, ...], **P = [str]]():
    pass

class Generic[T](Base[T], metaclass=M):
    attr: T
    def method[U](self, u: U) -> T:
        return u
    type Alias = list[T]
    type GenericAlias[V] = dict[T, V]

type Simple = int
type Param[K, V: K = str] = dict[K, V]

def outer():
    x = 1
    def inner[T: x](y=x) -> T:
        return x
    class C[S: x]:
        y = x
    type A[R = x] = R
    return inner, C, A

class ClassSeesClass:
    attr = int
    def m[T: attr](self): pass
    type T2 = attr
    class Nested[U: attr = attr]:
        pass
    def n[T: [c for c in attr]](self): pass
    type Comp = [c for c in attr]
    type Lam = lambda: attr

def f_in_class_global():
    class C:
        global gg
        type A = gg

class __Private[__T, _U__V](__Base):
    __x: __T
    def __m[__W](self, __a: __W) -> __T: pass
    class __Inner[__X: __Y = __Z]: pass

def generic_gen[T]():
    yield T
