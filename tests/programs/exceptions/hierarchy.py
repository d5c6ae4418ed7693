# The built-in exception hierarchy: bases of common exceptions, and BaseException vs Exception.
names = ["ZeroDivisionError", "KeyError", "IndexError", "UnicodeEncodeError", "FileNotFoundError", "RecursionError",
         "StopIteration", "KeyboardInterrupt", "SystemExit", "GeneratorExit", "ModuleNotFoundError", "NotImplementedError",
         "UnboundLocalError", "TimeoutError", "BrokenPipeError", "IndentationError", "TabError", "DeprecationWarning", "ExceptionGroup"]
import builtins
for n in names:
    cls = getattr(builtins, n)
    print(n, [c.__name__ for c in cls.__mro__[1:]])
print(issubclass(KeyboardInterrupt, Exception), issubclass(StopAsyncIteration, Exception), IOError is OSError, EnvironmentError is OSError)
