# The iteration protocol: __iter__/__next__, StopIteration, iter() with a sentinel, old-style __getitem__.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(3)), [x for x in Countdown(2)], sum(Countdown(4)), 2 in Countdown(3))


class OldStyle:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return chr(97 + i)


print(list(OldStyle()), "b" in OldStyle())
values = iter([5, 4, 0, 3])
print(list(iter(lambda: next(values), 0)))


class NotIterator:
    def __iter__(self):
        return 5


try:
    iter(NotIterator())
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    for x in 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
it = iter([])
print(next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e))
