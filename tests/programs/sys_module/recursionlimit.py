# getrecursionlimit/setrecursionlimit, and bad values.
import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
for bad in [0, -5, "x"]:
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(repr(bad), type(e).__name__, e)
