# Comparisons returning non-bools; chained comparisons use truthiness of each result.
class Vec:
    def __init__(self, *v):
        self.v = v

    def __eq__(self, o):
        return [a == b for a, b in zip(self.v, o.v)]

    def __lt__(self, o):
        return "yes"


a, b = Vec(1, 2), Vec(1, 3)
print(a == b, a < b, a < b < a, bool(a == b))
x = Vec(0)
print(x < x < x)
