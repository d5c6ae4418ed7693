# bool: a subclass of int with two instances, its arithmetic and reprs.
print(True, False, repr(True), str(False), int(True), True + True, True * 10, -True)
print(True & False, True | False, True ^ True, ~True, type(True & False).__name__, type(True + 1).__name__)
print(bool(), bool(0), bool(0.0), bool(""), bool([]), bool({}), bool(None), bool(0j))
print(bool(1), bool(-1), bool("a"), bool([0]), bool(...), bool(float("nan")))
print(isinstance(True, int), issubclass(bool, int), bool.__mro__, True is bool(1))
print(True == 1, False == 0, hash(True) == hash(1), {True: "a", 1: "b"})
try:
    class B(bool):
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(format(True, "d"), format(True), f"{True!r:>6}", "%s %d" % (True, True))
