# An uncaught RecursionError: the traceback collapses the repeated frames.
def forever(n):
    return forever(n + 1)


forever(0)
