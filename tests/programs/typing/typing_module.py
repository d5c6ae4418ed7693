# The typing module on the native _typing objects: reprs of the types, NoDefault, special forms
# and unions mixing PEP 604 with typing's own.
type X = int
print(type(X), X.__module__)
import typing
T = typing.TypeVar("T")
print(type(T), typing.TypeVar, typing.Generic, typing.NoDefault, type(typing.NoDefault))
def f[**P, *Ts](): pass
print(f.__type_params__, typing.ParamSpecArgs)
from typing import List, Optional, Union, Callable
print(List[int], Optional[int], Union[int, str], Callable[[int], str], list[int] | None)
class C[T: (int, str)]: pass
print(C.__type_params__[0].__constraints__, C[int])
print(int | typing.Any)
