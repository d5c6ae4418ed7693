# str(): of objects, bytes with encodings, errors; str subclass behaviour.
print(str(), str(12), str(1.5), str([1, "a"]), str((1,)), str({"a": 1}), str(None), str(str))
print(str(b"abc"), str(b"caf\xc3\xa9", "utf-8"), str(b"\xff", "utf-8", "replace"), str(b"x", errors="strict"))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    str(1, "utf-8")
except TypeError as e:
    print(type(e).__name__, e)


class Name(str):
    def shout(self):
        return self.upper() + "!"


n = Name("bob")
print(n, repr(n), n.shout(), type(n + "x").__name__, type(n.upper()).__name__, n == "bob", len(n))
print(isinstance(n, str), str(n), type(str(n)).__name__)
