# memoryview cast and release; a bytearray with exports cannot be resized.
ba = bytearray(range(8))
m = memoryview(ba)
ints = m.cast("H")
print(ints.format, ints.itemsize, len(ints), ints.nbytes, ints.tolist()[:2] == [256, 770] or ints.tolist()[:2])
try:
    ba.append(1)
except BufferError as e:
    print(type(e).__name__, e)
ints.release()
m.release()
ba.append(9)
print(len(ba), memoryview(b"ab").obj, bytes(memoryview(b"ab")[::-1]))
