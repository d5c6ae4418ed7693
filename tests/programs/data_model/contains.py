# `in`: __contains__ (result coerced to bool), then __iter__, then __getitem__.
class WithContains:
    def __contains__(self, x):
        return x * 2


class WithIter:
    def __iter__(self):
        yield from [1, 2, 3]


class WithGetitem:
    def __getitem__(self, i):
        if i > 4:
            raise IndexError
        return i


print(3 in WithContains(), 0 in WithContains(), 0 not in WithContains(), 2 in WithIter(), 9 in WithIter(), 4 in WithGetitem(), 7 in WithGetitem())
try:
    1 in object()
except TypeError as e:
    print(type(e).__name__, e)
