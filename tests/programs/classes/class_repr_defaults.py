# Default reprs hold addresses, so only their shape is printed; class reprs are stable.
class Plain:
    pass


r = repr(Plain())
print(r.startswith("<__main__.Plain object at 0x"), r.endswith(">"), repr(Plain), str(Plain))
print(repr(int), repr(type), repr(object), Plain.__module__, Plain.__qualname__)


def f():
    pass


print(repr(f).startswith("<function f at 0x"), repr(len), repr(print), repr([].append).startswith("<built-in method append of list object at 0x"))
