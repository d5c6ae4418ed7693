# except clauses match by class hierarchy and tuples; the first matching clause wins.
for exc in [KeyError("k"), IndexError(1), ZeroDivisionError(), ValueError("v"), UnicodeDecodeError("utf-8", b"x", 0, 1, "bad")]:
    try:
        raise exc
    except (KeyError, IndexError) as e:
        print("lookup", type(e).__name__)
    except ArithmeticError as e:
        print("arith", type(e).__name__)
    except ValueError as e:
        print("value", type(e).__name__)
try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("not here")
except Exception as e:
    print("outer caught", repr(e))
try:
    raise OSError(2, "No such file")
except FileNotFoundError as e:
    print("errno mapping", type(e).__name__, e.errno, e.strerror)
