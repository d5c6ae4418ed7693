# Building a module object with types.ModuleType and exec'ing source into it.
import types
mod = types.ModuleType("fake", "A fake module.")
exec("VALUE = 3\ndef twice():\n    return VALUE * 2", mod.__dict__)
print(mod.__name__, mod.__doc__, mod.VALUE, mod.twice(), repr(mod))
