# with on objects that are not context managers, and errors raised by __enter__ or __exit__.
class NoExit:
    def __enter__(self):
        return self


try:
    with NoExit():
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    with 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)


class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")

    def __exit__(self, *a):
        print("exit not called")


try:
    with BadEnter():
        print("not reached")
except RuntimeError as e:
    print(type(e).__name__, e)


class BadExit:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        raise OSError("exit failed")


try:
    with BadExit():
        raise ValueError("original")
except OSError as e:
    print(type(e).__name__, e, "context:", repr(e.__context__))
