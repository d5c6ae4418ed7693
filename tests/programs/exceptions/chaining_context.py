# Implicit chaining: an exception raised while handling another gets __context__, both are printed.
def load(key):
    try:
        return {"a": 1}[key]
    except KeyError:
        raise ValueError(f"no setting named {key!r}")


try:
    load("b")
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
load("zz")
