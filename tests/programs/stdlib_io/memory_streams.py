# io.StringIO and io.BytesIO: reading, writing past the end, seeking, truncating,
# newline handling, iteration and the errors of closed streams.
import io

s = io.StringIO("a\nb\nc")
print(repr(s.readline()), repr(s.read()), s.tell(), repr(s.getvalue()))
s.write("XYZ")
print(repr(s.getvalue()), s.tell())
s.seek(1)
s.write("--")
print(repr(s.getvalue()), repr(s.read()))
s.seek(10)
s.write("!")
print(repr(s.getvalue()))
print(s.truncate(3), repr(s.getvalue()), s.tell())
print(s.readable(), s.writable(), s.seekable(), s.closed, s.line_buffering)
s = io.StringIO()
print(s.write("héllo wörld"), s.getvalue(), s.seek(0), s.read(5))
print(list(io.StringIO("x\ny\n\nz")))
print(io.StringIO("a\r\nb\rc\n", newline=None).readlines())
print(io.StringIO("a\r\nb\rc\n", newline="").readlines())
print(repr(io.StringIO("a\nb", newline="\r\n").getvalue()))
try:
    io.StringIO(b"x")
except TypeError as e:
    print(type(e).__name__, e)
try:
    io.StringIO().write(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    io.StringIO().seek(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    io.StringIO().seek(1, 1)
except OSError as e:
    print(type(e).__name__, e)
s.close()
for call in (s.read, s.getvalue, s.tell, lambda: s.write("x")):
    try:
        call()
    except ValueError as e:
        print(type(e).__name__, e)
with io.StringIO("ctx") as c:
    print(c.read())
print(c.closed)

b = io.BytesIO(b"12\n34\n5")
print(list(b), b.getvalue(), b.seek(1), b.read(2), b.tell())
b.seek(0, 2)
b.write(b"67")
print(b.getvalue(), b.seek(-3, 2), b.read())
b.seek(10)
b.write(b"!")
print(b.getvalue())
print(b.truncate(4), b.getvalue(), b.tell())
buf = bytearray(3)
b.seek(0)
print(b.readinto(buf), buf, b.readline(), b.read1(1))
print(io.BytesIO(bytearray(b"ba")).read(), io.BytesIO(memoryview(b"mv")).getvalue())
try:
    io.BytesIO("s")
except TypeError as e:
    print(type(e).__name__, e)
try:
    io.BytesIO().write("s")
except TypeError as e:
    print(type(e).__name__, e)
b.close()
try:
    b.read()
except ValueError as e:
    print(type(e).__name__, e)
print(b.closed)
