# Instance dicts shadow class attributes; mutation of a shared class-level list; __dict__ and vars.
class Counter:
    count = 0
    shared = []

    def __init__(self, name):
        self.name = name
        Counter.count += 1
        self.shared.append(name)


a, b = Counter("a"), Counter("b")
a.count = 100
print(Counter.count, a.count, b.count, a.shared is b.shared, Counter.shared, vars(a), b.__dict__)
del a.count
print(a.count)
a.__dict__["extra"] = 1
print(a.extra, sorted(vars(a)))
b.__dict__ = {"name": "replaced"}
print(b.name)
try:
    a.__dict__ = 5
except TypeError as e:
    print(type(e).__name__, e)
