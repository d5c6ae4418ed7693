# dict comprehensions and dict building from zip; duplicate keys keep the last value, first position.
print({x: x * x for x in range(5)}, {k: v for k, v in zip("abc", range(3))})
print({x % 3: x for x in range(10)}, dict(zip("ab", "xy")), {v: k for k, v in {"a": 1, "b": 2}.items()})
print({**{"a": 1}, "b": 2, **{"a": 3}}, {"a": 1, "a": 2})
