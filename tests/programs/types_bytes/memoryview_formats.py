# memoryview.cast to every native format: items, indexing, slicing, assignment, comparison and hashing.
ba = bytearray(range(250, 256)) + bytearray(10)
m = memoryview(ba)
for f in "bBhHiIqQnNlLc":
    v = m[:8].cast(f)
    print(f, v.tolist()[:3], len(v), v.nbytes, v.itemsize, v.strides, v.shape, v.contiguous, v[-1])
h = m.cast("h")
h[0] = -2
h[1] = 32767
print(h.tolist(), bytes(ba[:4]))
for bad in [32768, "x", 1.5, -32769]:
    try:
        h[2] = bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
s = h[::2]
print(s.tolist(), s.strides, s.nbytes, s.contiguous, s.tobytes(), s.hex(":"))
try:
    s.cast("B")
except TypeError as e:
    print(type(e).__name__, e)
h[0:2] = h[2:4]
print(h.tolist())
try:
    h[0:2] = b"abcd"
except ValueError as e:
    print(type(e).__name__, e)
try:
    h[100]
except IndexError as e:
    print(type(e).__name__, e)
print(h == h, h[0:1] == memoryview(bytes(2)).cast("h"), memoryview(b"ab") == b"ab", memoryview(b"ab").cast("c") == b"ab")
print(memoryview(b"\x01\x00").cast("H") == memoryview(b"\x01\x00"), memoryview(b"\x01\x00").cast("H") == [1])
try:
    hash(memoryview(bytes(4)).cast("H"))
except ValueError as e:
    print(type(e).__name__, e)
print(hash(memoryview(b"ab").cast("c")) == hash(b"ab"), memoryview(b"ab").cast("c")[1])
q = memoryview(bytearray(16)).cast("Q")
q[0] = 2 ** 64 - 1
print(q.tolist(), q[0], q.cast("B")[:3].tolist())
c = memoryview(bytearray(b"xyz")).cast("c")
c[0] = b"Q"
for bad in [b"ab", 65]:
    try:
        c[1] = bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(c.obj, list(reversed(memoryview(b"abc"))), memoryview(b"abcdef")[1:5:2].tobytes(), memoryview(b"abcdef")[::-2].hex())
