# Descriptors: data descriptors beat instance dicts, non-data descriptors do not; __set_name__.
class Data:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return f"data:{obj.__dict__.get(self.name, 'unset')}"

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value


class NonData:
    def __get__(self, obj, objtype=None):
        return "nondata"


class Host:
    d = Data()
    n = NonData()


h = Host()
h.__dict__["d"] = "shadow?"
h.__dict__["n"] = "shadowed"
print(h.d, h.n, Host.n, type(Host.d).__name__, Host.d.name)
h.d = 5
print(h.d, h.__dict__)
