# sys struct sequences (version_info, flags, float_info, int_info, hash_info) and the namespace type of sys.implementation.
import sys
v = sys.version_info
print(v, v[:2], v.major, v.minor, v.micro, v.releaselevel, v.serial, len(v), v > (3, 12), v == (3, 13, 0, "final", 0))
print(type(v).__name__, type(v).__module__, type(v).n_fields, type(v).n_sequence_fields, type(v).n_unnamed_fields, type(v).__match_args__)
print(isinstance(v, tuple), tuple(v), list(v)[-2:], v.index(13), v.count(0), hash(v) == hash(tuple(v)))
try:
    v.major = 4
except AttributeError as e:
    print(type(e).__name__, e)
try:
    type(v)()
except TypeError as e:
    print(type(e).__name__)
print(repr(type(v).major)[:14], type(v).major.__get__(v))
f = sys.flags
print(f.optimize, f.dont_write_bytecode, f.utf8_mode, f.int_max_str_digits, f.dev_mode, len(f), type(f).__name__)
print(sys.float_info.max, sys.float_info.min, sys.float_info.mant_dig, sys.float_info.radix, sys.float_info.rounds, len(sys.float_info))
print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold, len(sys.int_info))
h = sys.hash_info
print(h.width, h.modulus, h.inf, h.nan, h.imag, h.hash_bits, h.seed_bits, h.cutoff, type(h).__name__)
print(hash(float("inf")) == h.inf, hash(1j) == h.imag, hash(h.modulus) == 0)
impl = sys.implementation
print(sorted(k for k in vars(impl) if not k.startswith("_")), impl.version == sys.version_info, impl.hexversion == sys.hexversion)
NS = type(impl)
print(NS.__name__, NS.__module__)
ns = NS(a=1, b="x")
ns.c = [1]
print(ns, ns == NS(a=1, b="x", c=[1]), ns != NS(), NS({"k": 2}, z=3), NS(), vars(ns))
del ns.a
print(ns, hasattr(ns, "a"))
ns.self = ns
print(ns)
try:
    NS(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    NS({1: 2})
except TypeError as e:
    print(type(e).__name__, e)


class Sub(NS):
    pass


print(Sub(q=1), Sub(q=1) == NS(q=1))
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.getfilesystemencodeerrors(), sys.float_repr_style)
print(sys.stdout.name, sys.stderr.name, sys.stdin.name, sys.stdout.closed, sys.stdin.mode, sys.stdout.mode)
