# RecursionError through mutually recursive functions and through __repr__ and __getattr__.
def ping(n):
    return pong(n)


def pong(n):
    return ping(n)


try:
    ping(0)
except RecursionError as e:
    print("ping/pong:", e)


class Loop:
    def __getattr__(self, name):
        return getattr(self, "x" + name)


try:
    Loop().a
except RecursionError as e:
    print("getattr:", e)
