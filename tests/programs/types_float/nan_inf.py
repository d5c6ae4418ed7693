# NaN and infinity: comparisons, identity in containers, min/max, hashing.
nan = float("nan")
inf = float("inf")
print(nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308, -inf < -1e308, inf == inf)
lst = [nan]
print(nan in lst, lst.count(nan), lst.index(nan), [nan] == [nan], [float("nan")] == [float("nan")])
print(max(1, nan), max(nan, 1), min(inf, 3), sorted([3, inf, -inf, 0]))
print(hash(inf), hash(-inf), hash(0.0) == hash(-0.0) == hash(0), hash(1.5) == hash(1.5))
import math
print(math.isnan(nan), math.isinf(-inf), math.isfinite(1.0), math.copysign(1, -0.0))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.sqrt(2), math.fsum([0.1] * 10))
