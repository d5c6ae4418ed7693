# Type comments, which ast.parse(type_comments=True) keeps.
x = []  # type: list[int]
for i in range(3):  # type: int
    pass
with open(f) as g:  # type: IO[str]
    pass


def f(a,  # type: int
      b,  # type: str
      ):
    # type: (...) -> None
    pass


def g(x):  # type: (int) -> int
    return x


import os  # type: ignore
y = 1  # type: ignore[assignment]
