# Any mapping works as locals for eval/exec; a custom __getitem__ sees every name lookup.
class Tracing(dict):
    def __getitem__(self, key):
        print("lookup", key)
        return dict.__getitem__(self, key) if key in self else len(key)


print(eval("alpha + bb", {}, Tracing(alpha=1)))
loc = Tracing()
exec("q = 5\nr = q + unknown_name", {}, loc)
print(dict(loc))
