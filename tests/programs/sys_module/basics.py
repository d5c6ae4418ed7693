# sys attributes that must match the reference: version_info, maxsize, byteorder, limits, flags.
import sys
print(sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 13), tuple(sys.version_info)[:3])
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.getrecursionlimit(), sys.hexversion >> 16)
print(type(sys.path).__name__, type(sys.modules).__name__, "sys" in sys.modules, "builtins" in sys.modules, sys.modules["sys"] is sys)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.int_info.bits_per_digit in (15, 30))
print(sys.platform, sys.getdefaultencoding(), sys.flags.dont_write_bytecode, sys.dont_write_bytecode, sys.flags.utf8_mode)
print(sys.stdout.encoding, sys.stderr.errors, sys.stdin.closed, isinstance(sys.implementation.name, str))
