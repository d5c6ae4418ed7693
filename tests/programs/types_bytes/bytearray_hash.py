# bytearray is unhashable and compares equal to bytes; conversions between the two.
ba = bytearray(b"key")
try:
    {ba: 1}
except TypeError as e:
    print(type(e).__name__, e)
d = {bytes(ba): 1}
print(d[b"key"], ba == b"key", b"key" == ba, ba < b"kez", type(ba + b"").__name__, type(b"" + ba).__name__)
print(bytes(ba), bytearray(b"x").decode(), list(bytearray(b"ab")), bytearray([1, 2]) + bytearray([3]))
print(isinstance(ba, bytes), type(ba[0]).__name__, type(ba[0:1]).__name__, repr(bytearray(b"'")))
