# Comprehensions and generator expressions.
[x for x in y]
[x for x in y if x if not x for z in x]
{x for x in y}
{k: v for k, v in items}
(x async for x in y)
[(a, b) for a in c for b in d]
[[x for x in row] for row in matrix]
sum(x * x for x in range(10))
[y := f(x) for x in data]
