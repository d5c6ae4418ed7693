# Deep recursion under a raised limit: RecursionError, never a crash of the interpreter.
import sys
sys.setrecursionlimit(100000)


def deep(n):
    return deep(n + 1) + 1


try:
    deep(0)
except RecursionError as e:
    print(type(e).__name__)
print("alive")
