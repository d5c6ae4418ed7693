# bytes(), bytearray(), memoryview() constructors from ints, iterables, strings and buffers.
print(bytes(2), bytes([1, 2]), bytes("hi", "ascii"), bytes(bytearray(b"x")), bytes(memoryview(b"mv")))
print(bytearray(2), bytearray([255]), bytearray("é", "utf-8"), bytearray(b"abc")[1:])
for bad in ["bytes('x')", "bytes(1.5)", "bytearray([300])", "bytes(None)", "memoryview('x')"]:
    try:
        eval(bad)
    except (TypeError, ValueError) as e:
        print(bad, "->", type(e).__name__, e)
