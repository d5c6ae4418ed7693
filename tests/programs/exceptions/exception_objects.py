# Exception objects: args, str and repr with zero, one or several args; attributes; with_traceback.
for e in [Exception(), Exception("one"), Exception("a", 2), ValueError(None), KeyError("k"), KeyError(), OSError(13, "denied", "f.txt")]:
    print(repr(e), "|", str(e), "|", e.args)
e = ValueError("msg")
e.extra = 5
print(e.extra, e.__traceback__, e.__cause__, e.__context__, e.__suppress_context__)
print(StopIteration(7).value, SystemExit(3).code, KeyError("x").args, UnicodeError().args)
err = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(err.encoding, err.object, err.start, err.end, err.reason, err)
print(ImportError("m", name="mod", path="p").name, NameError("x", name="x").name, AttributeError("a", name="n", obj=1).obj)
