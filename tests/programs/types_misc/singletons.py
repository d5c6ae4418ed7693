# None, NotImplemented and Ellipsis: reprs, types, truth, identity.
print(None, repr(None), type(None).__name__, bool(None), None is None, None == 0, type(None)() is None)
print(NotImplemented, type(NotImplemented).__name__, Ellipsis, ..., ... is Ellipsis, type(...).__name__, bool(...))
print(str(None), f"{None!r}", [None, ..., NotImplemented])
try:
    None.foo
except AttributeError as e:
    print(type(e).__name__, e)
try:
    None()
except TypeError as e:
    print(type(e).__name__, e)
try:
    bool(NotImplemented)
except TypeError as e:
    print(type(e).__name__, e)
