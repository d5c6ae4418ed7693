# __repr__, __str__ and __format__: which is used where; str falls back to repr.
class Both:
    def __repr__(self):
        return "Both()"

    def __str__(self):
        return "both!"

    def __format__(self, spec):
        return f"<{spec}>"


class ReprOnly:
    def __repr__(self):
        return "ReprOnly()"


b, r = Both(), ReprOnly()
print(b, repr(b), str(b), f"{b}", f"{b!r}", f"{b!s}", f"{b:xyz}", format(b, "q"), [b], (b,), {"k": b})
print(r, str(r), f"{r}", "%s %r" % (r, r), "{}".format(r))
try:
    format(r, "x")
except TypeError as e:
    print(type(e).__name__, e)


class BadRepr:
    def __repr__(self):
        return 5


try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)


class BadStr:
    def __str__(self):
        return None


try:
    str(BadStr())
except TypeError as e:
    print(type(e).__name__, e)
