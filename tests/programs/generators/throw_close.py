# throw() raises at the paused yield; close() raises GeneratorExit; finally blocks run.
def worker():
    try:
        while True:
            try:
                yield "working"
            except ValueError as e:
                print("handled", e)
                yield "recovered"
    finally:
        print("cleanup")


w = worker()
print(next(w), w.throw(ValueError("bad")), next(w))
w.close()
print(w.gi_frame is None)
try:
    w.throw(KeyError("after close"))
except KeyError as e:
    print("raised", repr(e))


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(type(e).__name__, e)


def unstarted():
    yield 1


u = unstarted()
try:
    u.throw(IndexError("early"))
except IndexError as e:
    print("unstarted throw", e)
print(next(u, "finished"))
