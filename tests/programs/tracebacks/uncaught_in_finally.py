# An exception raised in a finally clause replaces the one in flight; both appear, chained.
def work():
    try:
        raise ValueError("original problem")
    finally:
        cleanup = None
        cleanup.close()


work()
