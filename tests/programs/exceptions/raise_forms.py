# raise forms: class, instance, bare re-raise, raise in except of another; errors raising non-exceptions.
try:
    raise KeyError
except KeyError as e:
    print(repr(e))
try:
    try:
        raise ValueError("first")
    except ValueError:
        raise
except ValueError as e:
    print("re-raised", e)
for bad in ["raise 5", "raise object()", "raise ValueError from 5", "raise"]:
    try:
        exec(bad)
    except TypeError as e:
        print(bad, "->", type(e).__name__, e)
    except RuntimeError as e:
        print(bad, "->", type(e).__name__, e)


class NotAnException:
    pass


try:
    raise NotAnException
except TypeError as e:
    print(type(e).__name__, e)
