# errno: names, numbers, errorcode, and OSError subclasses chosen by errno.
import errno

print(errno.ENOENT, errno.EACCES, errno.EEXIST, errno.EAGAIN == errno.EWOULDBLOCK)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EAGAIN], len(errno.errorcode))
print(sorted(errno.errorcode)[:10])
print(type(OSError(errno.ENOENT, "x")).__name__, type(OSError(errno.EEXIST, "x")).__name__)
print(all(getattr(errno, name) == code for code, name in errno.errorcode.items()))
