# code.replace: a copy with scalar fields and names changed, and its argument errors.
def f(a, b=2):
    return a + b


c = f.__code__
d = c.replace(co_name="g", co_qualname="outer.g", co_firstlineno=40)
print(d.co_name, d.co_qualname, d.co_firstlineno, d.co_argcount, d.co_varnames)
print(c.co_name, c.co_qualname, c.co_firstlineno)
f.__code__ = d
print(f(1), f.__code__.co_name)
e = c.replace(co_flags=c.co_flags)
print(e.co_flags == c.co_flags, e is not c)
for kw in [dict(co_flags="x"), dict(co_name=1), dict(co_bogus=1), dict(co_argcount=-1)]:
    try:
        c.replace(**kw)
    except (TypeError, ValueError) as err:
        print(type(err).__name__, err)
try:
    c.replace(1)
except TypeError as err:
    print(err)
