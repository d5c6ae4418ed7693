# memoryview basics: slicing without copying, tobytes/tolist, writes through to a bytearray.
ba = bytearray(b"abcdef")
m = memoryview(ba)
print(len(m), m[0], m[-1], m[1:3].tobytes(), m.tolist(), m.readonly, m.format, m.itemsize, m.nbytes)
m[0] = ord("A")
m[1:3] = b"BC"
print(ba, bytes(m[::2]), m == b"ABCdef", m[2:].tobytes())
ro = memoryview(b"xyz")
print(ro.readonly, ro.tobytes(), ro.hex())
try:
    ro[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    m[0:2] = b"xyz"
except ValueError as e:
    print(type(e).__name__, e)
with memoryview(b"ctx") as mv:
    print(mv.tobytes())
try:
    mv.tobytes()
except ValueError as e:
    print(type(e).__name__, e)
