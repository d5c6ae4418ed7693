# Docstrings of builtins as reached through __doc__ (first line only), and __name__ of builtins.
for f in [len, abs, sorted, print, isinstance, iter]:
    print(f.__name__, f.__doc__.splitlines()[0])
print(len.__module__, type(len).__name__, len.__qualname__, int.__doc__.splitlines()[0])
