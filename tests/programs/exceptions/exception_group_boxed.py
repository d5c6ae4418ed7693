# An uncaught exception group: CPython's boxed traceback, nested groups, notes, causes.
def inner():
    raise ValueError("inner value")


def make():
    errors = []
    for f in (inner, lambda: 1 / 0):
        try:
            f()
        except Exception as e:
            errors.append(e)
    nested = ExceptionGroup("nested", [KeyError("k"), TypeError("t")])
    errors.append(nested)
    eg = ExceptionGroup("outer", errors)
    eg.add_note("a note on the group")
    return eg


try:
    raise make()
except* ZeroDivisionError as e:
    print("handled", repr(e.exceptions[0]))
    raise RuntimeError("from handler") from None
