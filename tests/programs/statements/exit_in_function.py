# raise SystemExit deep in a call stack: no traceback, status from the code.
def deep(n):
    if n == 0:
        raise SystemExit(42)
    deep(n - 1)


print("start")
deep(5)
