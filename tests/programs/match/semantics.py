# match semantics: what counts as a sequence or mapping, self-matching builtins, bindings
# left behind by failed cases, the subject evaluated once, and the errors of class patterns.


def kind(x):
    match x:
        case str():
            return "str"
        case [*_]:
            return "sequence"
        case {**kw}:
            return f"mapping {len(kw)}"
        case _:
            return "neither"


class MyList(list):
    pass


class MyDict(dict):
    pass


class Missing(dict):
    def __missing__(self, key):
        print("__missing__ called")
        self[key] = []
        return self[key]


for x in ["abc", b"ab", bytearray(b"x"), [1], (1,), range(2), memoryview(b"a"), MyList(),
          {"a": 1}, MyDict(b=2), Missing(), {1}, frozenset(), 5, iter([])]:
    print(type(x).__name__, kind(x))

# Self-matching builtins capture the subject itself.
for value in [True, 3, 2.5, "s", b"b", bytearray(b"ba"), [1], (2,), {3: 4}, {5}, frozenset({6})]:
    match value:
        case bool(v) | int(v) | float(v) | str(v) | bytes(v) | bytearray(v) | list(v) | tuple(v) | dict(v) | set(v) | frozenset(v):
            print(type(value).__name__, v)

# A dict subclass's __missing__ is not called by a mapping pattern.
d = Missing()
match d:
    case {"missing": _}:
        print("matched?")
    case _:
        print("no key, still", dict(d))

# Names bound by a failed case stay bound.
match [1, 2, 3]:
    case [a, b] if False:
        pass
    case [first, *rest] if first > 5:
        pass
    case _:
        pass
print(first, rest)

calls = []


def subject():
    calls.append(1)
    return (1, 2)


match subject():
    case (1, 3):
        pass
    case (1, 2):
        print("subject evaluated", len(calls), "time")


class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["x"]


class NotStr:
    __match_args__ = (1,)


class Two:
    __match_args__ = ("a", "b")
    a = 1
    b = 2


for code in ["match NoArgs():\n case NoArgs(1): pass",
             "match BadArgs():\n case BadArgs(1): pass",
             "match NotStr():\n case NotStr(1): pass",
             "match Two():\n case Two(1, 2, 3): pass",
             "match Two():\n case Two(1, a=1): pass",
             "match 5:\n case int(1, 2): pass",
             "match 5:\n case len(): pass",
             "match {}:\n case {'k': 1, 'k': 2}: pass"]:
    try:
        exec(code)
    except (TypeError, ValueError, SyntaxError) as e:
        print(type(e).__name__, e)



class K:
    one = "k"
    two = "k"


try:
    match {"k": 1, "j": 2}:
        case {K.one: 1, K.two: 2}:
            pass
except ValueError as e:
    print(type(e).__name__, e)
