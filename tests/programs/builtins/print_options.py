# print: sep, end, file=sys.stderr, flush, printing nothing, objects with __str__.
import sys
print()
print("a", "b", sep="")
print("a", "b", sep=" | ", end=" <end>\n")
print(1, 2.5, None, [1], sep=", ")
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
print(*range(5))
print(sep="x")
print("no newline", end="")
print()
print("x", file=None)
try:
    print(sep=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(file=5)
except AttributeError as e:
    print(type(e).__name__, e)
