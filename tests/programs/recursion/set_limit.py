# A lower recursion limit is honoured; a higher one allows deeper recursion.
import sys


def depth(n):
    return n if n == 0 else 1 + depth(n - 1)


sys.setrecursionlimit(100)
try:
    depth(200)
except RecursionError as e:
    print("limit 100:", type(e).__name__)
sys.setrecursionlimit(3000)
print(depth(2500))
