# id is stable for one object and distinct for live objects; type(x) is x.__class__.
a = [1]
b = [1]
print(id(a) == id(a), id(a) != id(b), a == b, a is not b, type(a) is a.__class__, type(id(a)).__name__)
x = None
print(id(x) == id(None), type(object()) is object, type(type(1)) is type)
