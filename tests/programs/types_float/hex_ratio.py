# float.hex/fromhex, as_integer_ratio, is_integer and friends.
for x in [1.0, 0.5, 0.1, -2.75, 1e300, 5e-324, 0.0, -0.0, float("inf")]:
    print(x.hex())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"), float.fromhex("0x.8"), float.fromhex("inf"))
print((0.1).as_integer_ratio(), (2.5).as_integer_ratio(), (-0.75).as_integer_ratio())
print((3.0).is_integer(), (3.5).is_integer(), (1e300).is_integer())
try:
    float("inf").as_integer_ratio()
except OverflowError as e:
    print(type(e).__name__, e)
try:
    float("nan").as_integer_ratio()
except ValueError as e:
    print(type(e).__name__, e)
try:
    float.fromhex("0x1p99999")
except OverflowError as e:
    print(type(e).__name__, e)
