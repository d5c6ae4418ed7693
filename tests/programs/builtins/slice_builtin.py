# slice() as a builtin applied to several sequence types.
s = slice(1, None, 2)
print("abcdef"[s], [0, 1, 2, 3, 4][s], (9, 8, 7)[s], b"xyzw"[s], range(10)[s], bytearray(b"12345")[s])
print(slice(3).stop, slice(1, 2).step, slice("a", "b", "c"))
