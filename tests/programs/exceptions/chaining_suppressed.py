# raise ... from None suppresses the context in the printed traceback.
def lookup(d, key):
    try:
        return d[key]
    except KeyError:
        raise LookupError(f"{key} not configured") from None


try:
    lookup({}, "x")
except LookupError as e:
    print(e.__suppress_context__, repr(e.__context__), e.__cause__)
lookup({}, "timeout")
