# Exceptions: try/except/else/finally, named handlers, raise, return and break through
# finally, with, except*.
def f(path):
    try:
        fh = open(path)
    except (OSError, ValueError) as e:
        print(e)
        return None
    except KeyError:
        raise
    except Exception:
        raise RuntimeError("x") from None
    else:
        data = fh.read()
    finally:
        print("done")
    return data


def g(lock, items):
    with lock:
        pass
    with lock as l, open("f") as fh:
        fh.write(l)
    for i in items:
        try:
            if i:
                continue
            return i
        finally:
            print(i)
    with lock:
        return 1


def h():
    try:
        pass
    except* ValueError as eg:
        print(eg)
    except* TypeError:
        pass
