# Sequence and mapping patterns for collections.abc subclasses (__abc_tpflags__), deque,
# dict subclasses and mappingproxy; str and set match neither.
from collections.abc import Sequence, Mapping, MutableSequence
from collections import deque, OrderedDict, defaultdict
import types


class Seq(Sequence):
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


class Map(Mapping):
    def __init__(self, **kw):
        self.d = kw

    def __getitem__(self, k):
        return self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


class Sub(Seq):
    pass


def kind(x):
    match x:
        case [a, b]:
            return f"pair {a} {b}"
        case [*rest]:
            return f"sequence of {len(rest)}"
        case {"k": v}:
            return f"mapping with k={v}"
        case {}:
            return "mapping"
        case _:
            return "neither"


for x in [Seq(1, 2), Sub(1, 2, 3), Map(k=5), Map(), deque([1, 2]), OrderedDict(k=1),
          defaultdict(int), types.MappingProxyType({"k": 2}), "ab", {1, 2}]:
    print(type(x).__name__, kind(x))
print("__abc_tpflags__" in Sequence.__dict__, "__abc_tpflags__" in Mapping.__dict__)
