# String comparison, concatenation, repetition, membership and errors mixing types.
print("abc" < "abd", "abc" < "ab", "Z" < "a", "é" > "z", "" < "a", "a" * 3, "ab" * 0, "ab" * -1)
print("x" + "y", 3 * "ab", "abc" == "abc", "abc" is not None, "a" != "b")
print(sorted(["banana", "Apple", "cherry", "apple"]), sorted(["b", "a"], reverse=True))
print(sorted(["b10", "b9", "a"], key=len), max(["aa", "b"], key=len))
for bad in ['"a" + 1', '"a" < 1', '"a" * "b"', '"a" * 1.5', '1 + "a"']:
    try:
        eval(bad)
    except TypeError as e:
        print(bad, "->", type(e).__name__, e)
