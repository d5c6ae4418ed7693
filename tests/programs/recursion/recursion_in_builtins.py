# Deeply nested data: repr of a deeply nested list, and comparing deeply nested lists.
nested = []
for _ in range(100000):
    nested = [nested]
try:
    repr(nested)
except RecursionError as e:
    print("repr:", e)
other = []
for _ in range(100000):
    other = [other]
try:
    nested == other
except RecursionError as e:
    print("compare:", e)
print("survived")
