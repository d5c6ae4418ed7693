# A dunder assigned the wrapper of a different built-in dunder (as enum.IntEnum does with
# __str__ = int.__repr__) is called as that wrapper, not as the class's own slot.
import enum


class K(int):
    def __repr__(self):
        return "K!"


K.__str__ = int.__repr__
print(str(K(5)), repr(K(5)), f"{K(5)}", "%s" % K(5))


class Color(enum.IntEnum):
    RED = 1
    GREEN = 2


print(str(Color.RED), repr(Color.GREEN), f"{Color.RED}", "%s" % Color.GREEN, Color.RED + 1)


class L(list):
    pass


L.__repr__ = object.__repr__
print(repr(L([1]))[:12])
