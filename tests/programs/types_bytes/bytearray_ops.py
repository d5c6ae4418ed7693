# bytearray: a mutable bytes; item and slice assignment, append/extend/insert/pop/remove.
ba = bytearray(b"hello")
ba[0] = 72
ba.append(33)
ba.extend(b"??")
ba.insert(0, 62)
print(ba, len(ba), ba.pop(), ba.pop(0), ba)
ba[1:3] = b"YYYY"
print(ba)
del ba[::2]
print(ba, ba.remove(89) or ba, ba.reverse() or ba, ba * 2, ba + b"x", bytes(ba))
ba2 = bytearray(range(5))
ba2[1:4] = []
print(ba2, bytearray(3), bytearray("é", "utf-8"), bytearray(b"x") == b"x", ba2.hex())
ba3 = bytearray(b"abc")
ba3 += b"def"
ba3 *= 2
print(ba3, ba3.upper(), ba3.find(b"d"), ba3.copy(), ba3.clear() or ba3)
for bad in ["ba[0] = 256", "ba[0] = b'x'", "ba.remove(0)", "bytearray().pop()", "ba[100]"]:
    try:
        exec(bad)
    except (ValueError, TypeError, IndexError) as e:
        print(bad, "->", type(e).__name__, e)
