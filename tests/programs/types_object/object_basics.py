# object(): no instance dict, comparisons by identity, default __eq__/__ne__, __init_subclass__.
o = object()
print(type(o).__name__, o == o, o != o, o == object(), hasattr(o, "__dict__"), object.__bases__, object.__mro__)
try:
    o.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    o < o
except TypeError as e:
    print(type(e).__name__, e)
try:
    object(1)
except TypeError as e:
    print(type(e).__name__, e)
print(object.__name__, object.__qualname__, object.__doc__[:30], sorted(set(dir(o)) - set(dir(type))) )
print(o.__eq__(o), o.__eq__(1), o.__ne__(1), o.__hash__() == hash(o), o.__str__() == o.__repr__())
