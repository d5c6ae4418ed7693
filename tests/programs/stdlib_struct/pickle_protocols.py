# pickle (the pure-Python pickler over _struct) at every protocol: the exact bytes, round trips, cycles; builtins reduce as CPython's.
import codecs, collections, math, pickle, struct
class P:
    def __init__(self): self.a = [1, 2.5, "s", b"b", None, True]; self.t = (1,)
    def __eq__(self, o): return self.__dict__ == o.__dict__
objs = [0, 1, -1, 255, 65536, 2**31, 2**64, -2**70, 1.5, "héllo", b"\x00\xff", bytearray(b"ab"), [1, [2]], (), (1, 2, 3), {"a": 1, 2: [3]}, {1, 2}, frozenset({3}), None, True, 3+4j, P(), collections.OrderedDict(a=1), range(3), slice(1, 2), ...]
for proto in range(6):
    for o in objs:
        d = pickle.dumps(o, protocol=proto)
        back = pickle.loads(d)
        print(proto, type(o).__name__, d.hex()[:80], back == o)
l = [1]; l.append(l)
b = pickle.loads(pickle.dumps(l)); print(b[1] is b)
print(struct.pack("<5sxh?", b"ab", 3, True), struct.Struct("@iq").size)
print(len.__module__, [].append.__module__, codecs.encode.__module__, math.sqrt.__module__, str.join.__reduce__(), "x".upper.__reduce__()[1])
print(math.sqrt.__reduce__(), len.__reduce__())
