# Writing to sys.stdout and sys.stderr directly; write returns the length; interleaving is per stream.
import sys
n = sys.stdout.write("written to stdout\n")
m = sys.stderr.write("written to stderr\n")
print(n, m)
sys.stdout.write("no newline")
sys.stdout.write(" then newline\n")
sys.stderr.write("second stderr line\n")
sys.stdout.flush()
print("last line", file=sys.stdout)
try:
    sys.stdout.write(5)
except TypeError as e:
    print(type(e).__name__, e)
