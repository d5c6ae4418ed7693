# TypeErrors from calls: argument counts, duplicates, unexpected keywords, with qualified names.
def two(a, b):
    pass


class K:
    def method(self, x):
        pass


for call in ["two()", "two(1)", "two(1, 2, 3)", "two(1, a=1)", "two(1, 2, c=3)", "K().method()", "K().method(1, 2)", "K.method(1)", "K(1)", "two(*[1], **{'b': 2, 'z': 1})"]:
    try:
        eval(call)
    except TypeError as e:
        print(call, "->", e)


def many(a, b, c=1, *, d, e=2):
    pass


for call in ["many(1)", "many(1, 2, 3, 4)", "many(1, 2)", "many(1, 2, 3, 4, d=5)"]:
    try:
        eval(call)
    except TypeError as e:
        print(call, "->", e)
