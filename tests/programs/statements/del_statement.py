# del on names, items, slices and attributes, and the errors it raises.
x = 1
del x
try:
    print(x)
except NameError as e:
    print(type(e).__name__, e)
lst = [0, 1, 2, 3, 4]
del lst[0], lst[-1]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)


class O:
    pass


o = O()
o.attr = 1
del o.attr
print(hasattr(o, "attr"))
for stmt in ["del d['zz']", "del lst[10]", "del o.attr", "del undefined_name"]:
    try:
        exec(stmt)
    except (KeyError, IndexError, AttributeError, NameError) as e:
        print(stmt, "->", type(e).__name__, e)


def f():
    y = 1
    del y
    return y


try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e)
