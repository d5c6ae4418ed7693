# Bytecode caching: __pycache__/NAME.<cache_tag>.pyc written when sys.dont_write_bytecode is
# false, read back, invalidated by the source's size and time, and a damaged cache file
# ignored; sys.pycache_prefix moves the cache files.
import sys, os, tempfile, importlib, importlib.util
tmp = tempfile.mkdtemp()
sys.path.insert(0, tmp)
src = os.path.join(tmp, "cached_mod.py")
with open(src, "w") as f:
    f.write("VALUE = 1\n")
tag = sys.implementation.cache_tag
print(tag is not None, importlib.util.cache_from_source(src) == os.path.join(tmp, "__pycache__", "cached_mod." + tag + ".pyc"))
sys.dont_write_bytecode = True
import cached_mod
print(cached_mod.VALUE, os.path.exists(os.path.join(tmp, "__pycache__")))
print(os.path.basename(cached_mod.__cached__) == "cached_mod." + tag + ".pyc")
sys.dont_write_bytecode = False
del sys.modules["cached_mod"]
import cached_mod
pyc = cached_mod.__cached__
print(cached_mod.VALUE, os.path.exists(pyc))
with open(pyc, "rb") as f:
    data = f.read()
print(data[:4] == importlib.util.MAGIC_NUMBER, len(data) > 16)
del sys.modules["cached_mod"]
import cached_mod
print("from cache", cached_mod.VALUE)
with open(src, "w") as f:
    f.write("VALUE = 22\n")
importlib.invalidate_caches()
del sys.modules["cached_mod"]
import cached_mod
print("source changed", cached_mod.VALUE)
for damage in (b"", b"\x00" * 10, b"garbage header!!" + data[16:]):
    with open(pyc, "wb") as f:
        f.write(damage)
    del sys.modules["cached_mod"]
    import cached_mod
    print("damaged", cached_mod.VALUE)
os.remove(src)
del sys.modules["cached_mod"]
try:
    import cached_mod
except ImportError as e:
    print(type(e).__name__, e)
prefix = tempfile.mkdtemp()
sys.pycache_prefix = prefix
print(importlib.util.cache_from_source(os.path.join(tmp, "x.py")) == prefix + tmp + "/x." + tag + ".pyc")
sys.pycache_prefix = None
