# list.sort and sorted: key, reverse, stability, mixed-type errors.
data = [("b", 2), ("a", 2), ("c", 1), ("a", 1), ("b", 1)]
print(sorted(data), sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: t[1], reverse=True))
words = ["banana", "Apple", "cherry", "date", "Fig", "elderberry"]
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
nums = [5, -3, 2, -8, 0, 7]
print(sorted(nums, key=abs), sorted(nums, reverse=True), nums.sort() is None, nums)
try:
    [3, "a", 1].sort()
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 2], key=lambda x: x / 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    sorted([1j, 2j])
except TypeError as e:
    print(type(e).__name__, e)
print(sorted([]), sorted("cab"), sorted({3: 0, 1: 0}), sorted([[2], [1, 5], [1]]))
