# __getattribute__ raising AttributeError falls back to __getattr__; other errors propagate.
class Both:
    def __getattribute__(self, name):
        if name == "boom":
            raise ValueError("boom!")
        if name.startswith("x"):
            raise AttributeError(name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return f"fallback {name}"


b = Both()
print(b.xyz, b.__class__.__name__)
try:
    b.boom
except ValueError as e:
    print(type(e).__name__, e)
print(getattr(b, "xq", "unused default"))
try:
    getattr(b, "boom", "default")
except ValueError as e:
    print("getattr default does not hide", type(e).__name__)
