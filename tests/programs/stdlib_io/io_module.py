# The io module over _io: open is builtins.open, the abstract base classes and their
# registrations, UnsupportedOperation, subclasses written in Python, text_encoding.
import io

print(io.open is open, io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print(io.UnsupportedOperation.__module__, io.UnsupportedOperation.__mro__[1:3])
for cls in [io.FileIO, io.BytesIO, io.StringIO, io.BufferedReader, io.BufferedWriter,
            io.BufferedRandom, io.TextIOWrapper]:
    print(cls.__name__, issubclass(cls, io.RawIOBase), issubclass(cls, io.BufferedIOBase),
          issubclass(cls, io.TextIOBase))
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.BytesIO(), io.BufferedIOBase))


class Upper(io.StringIO):
    def write(self, text):
        return super().write(text.upper())


u = Upper()
u.write("shout")
print(u.getvalue(), type(u).__name__, isinstance(u, io.TextIOBase))


class Numbers(io.RawIOBase):
    def __init__(self):
        self.n = 0

    def readable(self):
        return True

    def readinto(self, b):
        if self.n >= 3:
            return 0
        b[0] = ord("0") + self.n
        self.n += 1
        return 1


r = Numbers()
print(r.read(5), r.read(), r.readable(), r.writable(), r.closed)
print(io.BufferedReader(Numbers()).read())
print(io.TextIOWrapper(io.BytesIO(b"one\ntwo\n"), encoding="utf-8").readlines())
w = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", newline="\r\n")
w.write("a\nb")
w.flush()
print(w.buffer.getvalue(), w.encoding, w.line_buffering)
try:
    r.seek(0)
except io.UnsupportedOperation as e:
    print(type(e).__name__, e)
try:
    io.BytesIO().fileno()
except io.UnsupportedOperation as e:
    print(type(e).__name__, e)
r.close()
print(r.closed)
try:
    r.read()
except ValueError as e:
    print(type(e).__name__, e)
print(io.text_encoding("latin-1"), io.text_encoding(None))
with io.BytesIO(b"x") as b:
    print(b.read())
