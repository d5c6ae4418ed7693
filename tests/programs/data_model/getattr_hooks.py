# __getattr__ is called only for missing attributes; __getattribute__ for every access.
class Lazy:
    existing = "class attr"

    def __getattr__(self, name):
        if name.startswith("no_"):
            raise AttributeError(f"custom: {name}")
        return f"computed {name}"


lz = Lazy()
lz.inst = "inst"
print(lz.existing, lz.inst, lz.anything, getattr(lz, "x"), hasattr(lz, "no_way"), getattr(lz, "no_way", "dflt"))
try:
    lz.no_thing
except AttributeError as e:
    print(type(e).__name__, e)


class Spy:
    def __init__(self):
        self.value = 1

    def __getattribute__(self, name):
        print("access", name)
        return object.__getattribute__(self, name)


s = Spy()
print(s.value)
try:
    s.missing
except AttributeError as e:
    print(type(e).__name__, e)
