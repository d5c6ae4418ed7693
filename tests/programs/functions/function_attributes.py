# Function objects: __name__, __qualname__, __defaults__, __code__ fields, __dict__, annotations.
def f(a: int, b: "str" = "x", *args, c: float = 1.0, **kw) -> bool:
    """Doc of f."""
    local = 1
    return True


print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__kwdefaults__, f.__module__)
print(f.__annotations__)
code = f.__code__
print(code.co_name, code.co_argcount, code.co_kwonlyargcount, code.co_posonlyargcount, code.co_varnames, code.co_flags & 0x0C)
f.custom = "attr"
print(f.custom, f.__dict__, callable(f), type(f).__name__)
f.__name__ = "renamed"
print(f.__name__, f.__qualname__)
try:
    f.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
