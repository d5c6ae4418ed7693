# dict equality ignores order; comparisons other than == raise; nested dicts.
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 1.0}, {1: {2: 3}} == {1: {2: 3}})
try:
    {} < {}
except TypeError as e:
    print(type(e).__name__, e)
print(list({"b": 1, "a": 2}) == ["b", "a"], dict(sorted({"b": 1, "a": 2}.items())))
print(len({i: None for i in range(1000)}), list({i: None for i in range(1000)})[-3:])
