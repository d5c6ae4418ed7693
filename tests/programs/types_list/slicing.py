# list slicing: reads, slice assignment with different lengths, extended slices, deletion.
a = list(range(10))
print(a[2:5], a[::3], a[::-2], a[-3:], a[:-7], a[5:2], a[100:])
a[2:5] = ["x"]
print(a)
a[:0] = [-2, -1]
print(a)
a[::2] = "ABCDEFGHIJ"[:len(a[::2])]
print(a)
del a[1::3]
print(a)
del a[:2]
a[len(a):] = [99]
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a[1:2] = 5
except TypeError as e:
    print(type(e).__name__, e)
b = [1, 2, 3]
b[1:1] = b
print(b)
