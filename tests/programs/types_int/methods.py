# int methods: to_bytes/from_bytes, as_integer_ratio, is_integer, conjugate, attributes.
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"))
print((-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True))
print((10).as_integer_ratio(), (7).is_integer(), (5).conjugate())
print((5).real, (5).imag, (5).numerator, (5).denominator)
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
try:
    (-1).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
print(int.__name__, int.__mro__)
