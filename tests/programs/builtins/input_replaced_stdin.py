# input() reads a replaced sys.stdin and writes its prompt to a replaced sys.stdout.
import io
import sys

sys.stdin = io.StringIO("first line\nsecond\n")
print(repr(input("prompt> ")))
print(repr(input()))
try:
    input("more? ")
except EOFError as e:
    print("EOFError", e)
out = io.StringIO()
sys.stdout = out
sys.stdin = io.StringIO("x\n")
value = input("to buffer: ")
sys.stdout = sys.__stdout__
print(repr(out.getvalue()), repr(value))
print(sorted(n for n in sys.stdlib_module_names if n.startswith("_a")), len(sys.stdlib_module_names))
