# set methods: add/remove/discard/pop/update/intersection_update/…, subset tests.
s = {1, 2, 3}
s.add(4)
s.remove(1)
s.discard(99)
print(s, s.pop(), s)
s.update([10, 11], (12,))
print(s, s.issubset(range(20)), s.issuperset({10}), s.isdisjoint({0}), {1} <= {1}, {1} < {1}, {1, 2} > {2})
s.intersection_update({10, 11, 3})
print(s)
s.difference_update({11})
s.symmetric_difference_update({3, 7})
print(s, s.copy(), s.union([1], [2]), s.intersection({7, 10}, {7}), s.difference({7}))
s.clear()
print(s, set(), frozenset())
try:
    s.remove(5)
except KeyError as e:
    print(type(e).__name__, e)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {1} | [2]
except TypeError as e:
    print(type(e).__name__, e)
